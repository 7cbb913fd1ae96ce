import type { TDossier, TMember, TMemberRole, TProgram } from '@capitune/contracts';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { PlusIcon } from '../../../components/ui/app-icons';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../components/ui/dialog';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { SubmitButton } from '../../../components/ui/submit-button';
import { applyServerErrors, translateMessage } from '../../../lib/form-errors';
import { useAddMember } from '../api/add-member';
import { useRemoveMember } from '../api/remove-member';
import { ChecklistLine } from './checklist-line';

const roleOrder: Record<TMemberRole, number> = { principal: 0, spouse: 1, dependant: 2, sponsor: 3 };

/** The checklist, one group per member (principal applicant, spouse, dependants, sponsor). */
export function Checklist({ dossier, program }: { dossier: TDossier; program: TProgram }) {
  const { t } = useTranslation('dossiers');
  const headingId = useId();
  const members = [...dossier.members].sort((a, b) => roleOrder[a.role] - roleOrder[b.role]);

  return (
    <section id="checklist" aria-labelledby={headingId} className="flex flex-col gap-6">
      <div className="flex flex-wrap sm:items-end justify-between gap-3">
        <div>
          <h2 id={headingId} className="font-semibold text-2xl text-slate-900">
            {t('checklist.title')}
          </h2>
          <p className="mt-1 max-w-2xl text-slate-700">
            {dossier.viewerRole === 'pro' ? t('checklist.introPro') : t('checklist.intro')}
          </p>
        </div>
        <AddMemberDialog dossier={dossier} />
      </div>
      {members.map((member) => (
        <MemberGroup key={member.id} dossier={dossier} member={member} program={program} />
      ))}
    </section>
  );
}

function MemberGroup({
  dossier,
  member,
  program,
}: {
  dossier: TDossier;
  member: TMember;
  program: TProgram;
}) {
  const { t } = useTranslation('dossiers');
  const headingId = useId();
  const [removing, setRemoving] = useState(false);
  const remove = useRemoveMember(dossier.id);
  const entries = dossier.checklist.filter((entry) => entry.memberId === member.id);
  const counts = dossier.progress.members.find((item) => item.memberId === member.id);
  const hasDocuments = entries.some((entry) => entry.current || entry.previousVersions.length > 0);

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 id={headingId} className="font-semibold text-lg text-slate-900">
            {t(`roles.${member.role}`)} — <span className="break-words">{member.fullName}</span>
          </h3>
          {counts && counts.required > 0 && (
            <p className="text-slate-600 text-sm">
              {t('checklist.memberProgress', { approved: counts.approved, required: counts.required })}
            </p>
          )}
        </div>
        {member.role !== 'principal' && !hasDocuments && (
          <>
            <Button variant="ghost" onClick={() => setRemoving(true)}>
              {t('members.remove')}
              <span className="sr-only"> {member.fullName}</span>
            </Button>
            <ConfirmDialog
              open={removing}
              onOpenChange={setRemoving}
              title={t('members.removeTitle')}
              description={t('members.removeDescription', { name: member.fullName })}
              confirmLabel={t('members.removeConfirm')}
              cancelLabel={t('actions.cancel')}
              onConfirm={() => remove.mutateAsync(member.id)}
            />
          </>
        )}
      </div>
      {entries.length === 0 ? (
        <p className="mt-4 text-slate-700">{t('checklist.noItems')}</p>
      ) : (
        <ul className="mt-4 flex flex-col gap-3">
          {entries.map((entry) => {
            const item = program.items.find((candidate) => candidate.id === entry.itemId);
            if (!item) return null;
            return (
              <ChecklistLine
                key={`${entry.itemId}-${entry.memberId}`}
                dossier={dossier}
                entry={entry}
                item={item}
                memberName={member.fullName}
              />
            );
          })}
        </ul>
      )}
    </section>
  );
}

type NewRole = Exclude<TMemberRole, 'principal'>;

/** A spouse (one), dependants, a sponsor (one): their documents join the checklist. */
function AddMemberDialog({ dossier }: { dossier: TDossier }) {
  const { t } = useTranslation(['dossiers', 'forms']);
  const [open, setOpen] = useState(false);
  const taken = new Set(dossier.members.map((member) => member.role));
  const roles = (['spouse', 'dependant', 'sponsor'] as const).filter(
    (role) => role === 'dependant' || !taken.has(role),
  );
  const [role, setRole] = useState<NewRole>(roles[0] ?? 'dependant');
  const [fullName, setFullName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [errors, setErrors] = useState<{ fullName?: string; dateOfBirth?: string }>({});
  const add = useAddMember(dossier.id, {
    onSuccess: () => {
      setOpen(false);
      setFullName('');
      setDateOfBirth('');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!fullName.trim()) {
      setErrors({ fullName: t('forms:validation.required') });
      return;
    }
    add.mutate(
      { role, fullName: fullName.trim(), dateOfBirth: dateOfBirth || null },
      {
        onError: (error) => {
          applyServerErrors(
            error,
            (name, value) => setErrors((previous) => ({ ...previous, [name]: value.message })),
            ['fullName', 'dateOfBirth'],
          );
        },
      },
    );
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setRole(roles[0] ?? 'dependant');
          setErrors({});
          add.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary">
          <PlusIcon className="size-5" />
          {t('members.add')}
        </Button>
      </DialogTrigger>
      <DialogContent title={t('members.addTitle')} description={t('members.addDescription')}>
        <form noValidate onSubmit={submit} className="flex flex-col gap-4">
          <Select
            label={t('members.role')}
            value={role}
            onChange={(event) => setRole(event.target.value as NewRole)}
          >
            {roles.map((value) => (
              <option key={value} value={value}>
                {t(`roles.${value}`)}
              </option>
            ))}
          </Select>
          <Input
            label={t('members.fullName')}
            required
            autoComplete="off"
            value={fullName}
            error={translateMessage(t, errors.fullName)}
            onChange={(event) => {
              setFullName(event.target.value);
              setErrors((previous) => ({ ...previous, fullName: undefined }));
            }}
          />
          <Input
            type="date"
            label={t('members.dateOfBirth')}
            hint={role === 'dependant' ? t('members.dateOfBirthHint') : undefined}
            max={new Date().toISOString().slice(0, 10)}
            value={dateOfBirth}
            error={translateMessage(t, errors.dateOfBirth)}
            onChange={(event) => setDateOfBirth(event.target.value)}
          />
          {add.error && !errors.fullName && !errors.dateOfBirth ? (
            <ServerErrorAlert error={add.error} />
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">{t('actions.cancel')}</Button>
            </DialogClose>
            <SubmitButton pending={add.isPending}>{t('members.addSubmit')}</SubmitButton>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
