import type { TDeletionPreview } from '@capitune/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, type RefObject, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { session } from '../../../lib/auth';
import { useProgramName } from '../../../lib/dossiers/programs';
import { useCancelDeletion } from '../api/cancel-deletion';
import { useDeletionPreview } from '../api/get-deletion';
import { useRequestDeletion } from '../api/request-deletion';
import { PrivacySection, SubHeading } from './privacy-section';

/** Kinds of erased records the page names; any other shows as the API names it. */
const erasedKinds = new Set([
  'profile',
  'account',
  'sessions',
  'factors',
  'passkeys',
  'posts',
  'comments',
  'likes',
  'flags',
  'messages',
  'documents',
  'dossiers',
  'notifications',
  'registrations',
  'questions',
  'reviews',
  'goals',
  'consents',
  'exports',
  'files',
]);

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Deleting the account: what is erased, and — before anything is confirmed — the client files firms keep
 * and until when; what blocks it; the email typed to confirm; then the pending state with its due date
 * and the way back.
 */
export function DeletionSection({
  email,
  when,
  deleting,
}: {
  email: string;
  when: (iso: string) => string;
  /** Set while the request is sent: the page then lets the deletion lead the way, not the session's end. */
  deleting: RefObject<boolean>;
}) {
  const { t } = useTranslation('privacy-account');
  const preview = useDeletionPreview();
  // Here, not in the pending box: its "cancelled" message outlives the box.
  const cancel = useCancelDeletion();
  return (
    <PrivacySection
      id="deletion"
      title={t('deletion.title')}
      intro={t('deletion.intro', { days: preview.data?.graceDays ?? 30 })}
    >
      {preview.isPending && <Spinner label={t('loading')} />}
      {preview.isError && <ServerErrorAlert error={preview.error} />}
      <div className="mb-2">
        <SaveStatus
          message={preview.data && !preview.data.pending && cancel.isSuccess ? t('deletion.cancelled') : null}
        />
      </div>
      {preview.data &&
        (preview.data.pending ? (
          <PendingDeletion
            pending={preview.data.pending}
            when={when}
            cancelling={cancel.isPending}
            error={cancel.error}
            onCancel={() => cancel.mutate()}
          />
        ) : (
          <DeletionPreview preview={preview.data} email={email} when={when} deleting={deleting} />
        ))}
    </PrivacySection>
  );
}

function PendingDeletion({
  pending,
  when,
  cancelling,
  error,
  onCancel,
}: {
  pending: NonNullable<TDeletionPreview['pending']>;
  when: (iso: string) => string;
  cancelling: boolean;
  error: unknown;
  onCancel: () => void;
}) {
  const { t } = useTranslation('privacy-account');
  return (
    <div className="flex flex-col gap-4">
      <Alert tone="warning" live={false} title={t('deletion.pendingTitle', { date: when(pending.dueAt) })}>
        <p>{t('deletion.pendingBody', { requested: when(pending.requestedAt) })}</p>
      </Alert>
      <ServerErrorAlert error={error} />
      <div>
        <Button variant="secondary" disabled={cancelling} onClick={onCancel}>
          {t('deletion.cancel')}
        </Button>
      </div>
    </div>
  );
}

function DeletionPreview({
  preview,
  email,
  when,
  deleting,
}: {
  preview: TDeletionPreview;
  email: string;
  when: (iso: string) => string;
  deleting: RefObject<boolean>;
}) {
  const { t } = useTranslation('privacy-account');
  const programName = useProgramName();
  const erasedId = useId();
  const keptId = useId();
  const erased = preview.erased.filter((item) => item.count > 0);

  return (
    <div className="flex flex-col gap-6">
      <div>
        <SubHeading id={erasedId}>{t('deletion.erasedTitle')}</SubHeading>
        {erased.length === 0 ? (
          <p className="mt-2 text-slate-700">{t('deletion.erasedNone')}</p>
        ) : (
          <ul aria-labelledby={erasedId} className="mt-2 list-disc space-y-1 ps-6 text-slate-800">
            {erased.map((item) => (
              <li key={item.kind}>
                {t('deletion.erasedItem', {
                  kind: erasedKinds.has(item.kind) ? t(`deletion.kinds.${item.kind}` as never) : item.kind,
                  count: item.count,
                })}
              </li>
            ))}
          </ul>
        )}
      </div>

      <div>
        <SubHeading id={keptId}>{t('deletion.keptTitle')}</SubHeading>
        <p className="mt-2 text-slate-700">{t('deletion.keptIntro')}</p>
        {preview.kept.length === 0 ? (
          <p className="mt-2 text-slate-700">{t('deletion.keptNone')}</p>
        ) : (
          <ul aria-labelledby={keptId} className="mt-3 flex flex-col gap-2">
            {preview.kept.map((file) => (
              <li
                key={file.dossierId}
                className="rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200 ring-inset"
              >
                <p className="font-medium text-slate-900">
                  {t('deletion.keptItem', { firm: file.firmName, program: programName(file.programId) })}
                </p>
                <p className="text-slate-700 text-sm">
                  {file.keptUntil
                    ? t('deletion.keptUntil', { date: when(file.keptUntil) })
                    : t('deletion.keptOpen', { count: file.retentionYears })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </div>

      {preview.blockedBy ? (
        <Alert tone="warning" live={false} title={t('deletion.blockedTitle')}>
          <p>{t(`deletion.blocked.${preview.blockedBy}`)}</p>
        </Alert>
      ) : (
        <ConfirmDeletion email={email} graceDays={preview.graceDays} deleting={deleting} />
      )}
    </div>
  );
}

function ConfirmDeletion({
  email,
  graceDays,
  deleting,
}: {
  email: string;
  graceDays: number;
  deleting: RefObject<boolean>;
}) {
  const { t } = useTranslation('privacy-account');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const request = useRequestDeletion();
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const headingId = useId();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!sameEmail(typed, email)) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    deleting.current = true;
    try {
      const result = await request.mutateAsync({ confirmEmail: typed.trim() });
      const due = result?.dueAt ?? new Date(Date.now() + graceDays * 86_400_000).toISOString();
      // The API has ended every session of the account: leave the signed-in pages first, then forget it.
      await navigate({ to: '/deletion-requested', search: { due }, replace: true });
      session.end();
      queryClient.clear();
    } catch {
      // Shown below, translated from its code; a session that ended meanwhile leads to the login.
      deleting.current = false;
      if (session.getSnapshot().status === 'anonymous') {
        await navigate({ to: '/login', search: { redirect: '/profile/privacy' }, replace: true });
      }
    }
  }

  return (
    <form
      noValidate
      onSubmit={(event) => void onSubmit(event)}
      aria-labelledby={headingId}
      className="flex flex-col gap-4"
    >
      <SubHeading id={headingId}>{t('deletion.confirmTitle')}</SubHeading>
      <Input
        label={t('deletion.confirmLabel')}
        hint={t('deletion.confirmHint')}
        type="email"
        autoComplete="off"
        inputMode="email"
        required
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        error={mismatch ? t('deletion.mismatch') : undefined}
      />
      <ServerErrorAlert error={request.error} />
      <div>
        <SubmitButton variant="danger" pending={request.isPending}>
          {t('deletion.submit')}
        </SubmitButton>
      </div>
    </form>
  );
}
