import { adminUserRoles, type TAdminUserDetail, type TAdminUserRole } from '@capitune/contracts';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { Textarea } from '../../../components/ui/textarea';
import { translateMessage } from '../../../lib/form-errors';
import { useActOnUser } from '../api/act-on-user';
import { useAdminFormatters } from './user-formatters';
import { UserMerge } from './user-merge';
import { ActionNotice, useActionNotice } from './user-notice';
import { UserOpenDossier } from './user-open-dossier';
import { UserTwoFactorReset } from './user-two-factor-reset';

const required = 'i18n:{"key":"forms:validation.required"}';

/** A day from today as the date inputs take it (`YYYY-MM-DD`, local). */
function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The end of a local day, as an instant: a suspension "until the 12th" lasts the whole 12th. */
function endOfDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(new Date(year, month - 1, date + 1).getTime() - 1);
}

type Pending = 'suspend' | 'ban' | 'lift' | 'role' | 'end_sessions' | null;

/** What an admin can do to a member's account; each heavy step is confirmed in a dialog. */
export function UserActions({ user }: { user: TAdminUserDetail }) {
  const { t } = useTranslation(['admin-users', 'forms']);
  const { moment } = useAdminFormatters();
  const act = useActOnUser(user.id);
  const headingId = useId();
  const { notice, ref, announce, clear } = useActionNotice();
  const name = `${user.firstName} ${user.lastName}`;
  const [confirming, setConfirming] = useState<Pending>(null);

  const [until, setUntil] = useState(() => dayFromToday(7));
  const [suspendReason, setSuspendReason] = useState('');
  const [suspendErrors, setSuspendErrors] = useState<{ until?: string; reason?: string }>({});
  const [banReason, setBanReason] = useState('');
  const [banError, setBanError] = useState<string | undefined>();
  const [role, setRole] = useState<TAdminUserRole>(user.role);

  function open(next: Pending) {
    clear();
    setConfirming(next);
  }

  function onSuspend(event: FormEvent) {
    event.preventDefault();
    const errors: typeof suspendErrors = {};
    if (!until) errors.until = required;
    else if (endOfDay(until).getTime() <= Date.now()) errors.until = t('actions.suspend.past');
    if (!suspendReason.trim()) errors.reason = required;
    setSuspendErrors(errors);
    if (Object.keys(errors).length === 0) open('suspend');
  }

  function onBan(event: FormEvent) {
    event.preventDefault();
    setBanError(banReason.trim() ? undefined : required);
    if (banReason.trim()) open('ban');
  }

  async function run(task: Promise<unknown>, done: string, after?: () => void) {
    await task;
    after?.();
    announce(done);
  }

  return (
    <section
      aria-labelledby={headingId}
      className="mt-6 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
        {t('actions.heading')}
      </h2>
      <ActionNotice notice={notice} noticeRef={ref} className="mt-3" />

      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        {user.status !== 'active' && (
          <ActionBlock title={t('actions.lift.submit')}>
            <Button variant="secondary" className="self-start" onClick={() => open('lift')}>
              {t('actions.lift.submit')}
            </Button>
          </ActionBlock>
        )}

        <ActionBlock title={t('actions.suspend.heading')}>
          <form noValidate onSubmit={onSuspend} className="flex flex-col gap-3">
            <Input
              label={t('actions.suspend.until')}
              hint={t('actions.suspend.untilHint')}
              type="date"
              required
              min={dayFromToday(0)}
              value={until}
              error={translateMessage(t, suspendErrors.until)}
              onChange={(event) => setUntil(event.target.value)}
            />
            <Textarea
              label={t('actions.reason')}
              hint={t('actions.reasonHint')}
              required
              rows={3}
              maxLength={1000}
              value={suspendReason}
              error={translateMessage(t, suspendErrors.reason)}
              onChange={(event) => setSuspendReason(event.target.value)}
            />
            <Button type="submit" variant="danger" className="self-start">
              {t('actions.suspend.submit')}
            </Button>
          </form>
        </ActionBlock>

        {user.status !== 'banned' && (
          <ActionBlock title={t('actions.ban.heading')}>
            <form noValidate onSubmit={onBan} className="flex flex-col gap-3">
              <Textarea
                label={t('actions.reason')}
                hint={t('actions.reasonHint')}
                required
                rows={3}
                maxLength={1000}
                value={banReason}
                error={translateMessage(t, banError)}
                onChange={(event) => setBanReason(event.target.value)}
              />
              <Button type="submit" variant="danger" className="self-start">
                {t('actions.ban.submit')}
              </Button>
            </form>
          </ActionBlock>
        )}

        <ActionBlock title={t('actions.role.heading')}>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (role !== user.role) open('role');
            }}
            className="flex flex-col gap-3"
          >
            <Select
              label={t('actions.role.label')}
              value={role}
              onChange={(event) => setRole(event.target.value as TAdminUserRole)}
            >
              {adminUserRoles.map((value) => (
                <option key={value} value={value}>
                  {t(`roles.${value}`)}
                </option>
              ))}
            </Select>
            <Button type="submit" variant="secondary" className="self-start" disabled={role === user.role}>
              {t('actions.role.submit')}
            </Button>
          </form>
        </ActionBlock>

        <ActionBlock title={t('actions.account.heading')}>
          <div className="flex flex-col items-start gap-3">
            {!user.emailVerified && (
              <ResendVerification
                onDone={() => announce(t('actions.done.resend_verification'))}
                send={() => act.mutateAsync({ action: 'resend_verification' })}
              />
            )}
            <Button variant="secondary" onClick={() => open('end_sessions')}>
              {t('actions.account.endSessions')}
            </Button>
          </div>
        </ActionBlock>

        {(user.factors.totp || user.factors.passkeys > 0 || user.factors.email || user.factors.sms) && (
          <ActionBlock title={t('actions.twoFactorReset.heading')}>
            <UserTwoFactorReset user={user} onDone={() => announce(t('actions.done.two_factor_reset'))} />
          </ActionBlock>
        )}

        <ActionBlock title={t('actions.merge.heading')}>
          <UserMerge user={user} onMerged={() => announce(t('actions.done.merge'))} />
        </ActionBlock>

        <ActionBlock title={t('actions.dossier.heading')}>
          <UserOpenDossier userId={user.id} />
        </ActionBlock>
      </div>

      <ConfirmDialog
        open={confirming === 'suspend'}
        onOpenChange={(next) => !next && setConfirming(null)}
        title={t('actions.suspend.confirmTitle', { name })}
        description={t('actions.suspend.confirmBody', {
          name,
          date: until ? moment(endOfDay(until).toISOString()) : '',
        })}
        confirmLabel={t('actions.suspend.confirm')}
        cancelLabel={t('actions.cancel')}
        onConfirm={() =>
          run(
            act.mutateAsync({
              action: 'suspend',
              until: endOfDay(until).toISOString(),
              reason: suspendReason.trim(),
            }),
            t('actions.done.suspend'),
            () => setSuspendReason(''),
          )
        }
      />
      <ConfirmDialog
        open={confirming === 'ban'}
        onOpenChange={(next) => !next && setConfirming(null)}
        title={t('actions.ban.confirmTitle', { name })}
        description={t('actions.ban.confirmBody', { name })}
        confirmLabel={t('actions.ban.confirm')}
        cancelLabel={t('actions.cancel')}
        onConfirm={() =>
          run(act.mutateAsync({ action: 'ban', reason: banReason.trim() }), t('actions.done.ban'), () =>
            setBanReason(''),
          )
        }
      />
      <ConfirmDialog
        open={confirming === 'lift'}
        onOpenChange={(next) => !next && setConfirming(null)}
        tone="primary"
        title={t('actions.lift.confirmTitle', { name })}
        description={t('actions.lift.confirmBody', { name })}
        confirmLabel={t('actions.lift.confirm')}
        cancelLabel={t('actions.cancel')}
        onConfirm={() => run(act.mutateAsync({ action: 'lift' }), t('actions.done.lift'))}
      />
      <ConfirmDialog
        open={confirming === 'role'}
        onOpenChange={(next) => !next && setConfirming(null)}
        tone="primary"
        title={t('actions.role.confirmTitle', { name })}
        description={t('actions.role.confirmBody', { name, role: t(`roles.${role}`) })}
        confirmLabel={t('actions.role.confirm')}
        cancelLabel={t('actions.cancel')}
        onConfirm={() => run(act.mutateAsync({ action: 'change_role', role }), t('actions.done.change_role'))}
      />
      <ConfirmDialog
        open={confirming === 'end_sessions'}
        onOpenChange={(next) => !next && setConfirming(null)}
        title={t('actions.account.endConfirmTitle', { name })}
        description={t('actions.account.endConfirmBody', { name })}
        confirmLabel={t('actions.account.endConfirm')}
        cancelLabel={t('actions.cancel')}
        onConfirm={() => run(act.mutateAsync({ action: 'end_sessions' }), t('actions.done.end_sessions'))}
      />
    </section>
  );
}

function ActionBlock({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex min-w-0 flex-col gap-3 rounded-xl bg-slate-50 p-4">
      <h3 id={headingId} className="font-semibold text-slate-900">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** Harmless: sent at once, without a dialog. */
function ResendVerification({ send, onDone }: { send: () => Promise<unknown>; onDone: () => void }) {
  const { t } = useTranslation('admin-users');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <Button
        variant="secondary"
        disabled={pending}
        aria-busy={pending || undefined}
        onClick={async () => {
          setPending(true);
          setError(null);
          try {
            await send();
            onDone();
          } catch (caught) {
            setError(caught);
          } finally {
            setPending(false);
          }
        }}
      >
        {t('actions.account.resend')}
      </Button>
      <ServerErrorAlert error={error} />
    </>
  );
}
