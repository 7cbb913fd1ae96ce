import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { PlusIcon } from '../../../components/ui/app-icons';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../components/ui/dialog';
import { FieldError, Input } from '../../../components/ui/input';
import { SubmitButton } from '../../../components/ui/submit-button';
import { cn } from '../../../lib/cn';
import { useLocalized, usePrograms } from '../../../lib/dossiers/programs';
import { useCreateDossier } from '../api/create-dossier';

/**
 * Opening a dossier: the programs, each with what it is for and how many documents it asks, as a
 * radio group; the principal applicant's date of birth, optional.
 */
export function OpenDossierDialog({ defaultOpen = false }: { defaultOpen?: boolean }) {
  const { t } = useTranslation(['dossiers', 'forms']);
  const programs = usePrograms();
  const localized = useLocalized();
  const navigate = useNavigate();
  const [open, setOpen] = useState(defaultOpen);
  const [programId, setProgramId] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [programError, setProgramError] = useState<string | undefined>();
  const legendId = useId();
  const errorId = useId();

  const create = useCreateDossier({
    onCreated: async (dossier) => {
      setOpen(false);
      await navigate({ to: '/dossiers/$dossierId', params: { dossierId: dossier.id } });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!programId) {
      setProgramError(t('open.chooseProgram'));
      document.getElementById(`program-${programs.data?.[0]?.id ?? ''}`)?.focus();
      return;
    }
    create.mutate({ programId, principalDateOfBirth: dateOfBirth || null });
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon className="size-5" />
          {t('open.button')}
        </Button>
      </DialogTrigger>
      <DialogContent title={t('open.title')} description={t('open.description')}>
        <form noValidate onSubmit={submit} className="flex flex-col gap-5">
          <fieldset
            aria-describedby={programError ? errorId : undefined}
            aria-invalid={programError ? true : undefined}
            className="flex flex-col gap-3"
          >
            <legend id={legendId} className="mb-1 font-medium text-slate-900">
              {t('open.program')}
              <span aria-hidden="true" className="ms-0.5 text-maple-700">
                *
              </span>
            </legend>
            {programs.data?.map((program) => {
              const required = program.items.filter(
                (item) => item.required && (item.concerns === 'principal' || item.concerns === 'each_adult'),
              ).length;
              const checked = programId === program.id;
              return (
                <label
                  key={program.id}
                  htmlFor={`program-${program.id}`}
                  className={cn(
                    'flex cursor-pointer gap-3 rounded-xl p-4 ring-1 ring-inset',
                    checked ? 'bg-brand-50 ring-2 ring-brand-700' : 'ring-slate-300 hover:bg-brand-50',
                  )}
                >
                  <input
                    id={`program-${program.id}`}
                    type="radio"
                    name="programId"
                    value={program.id}
                    checked={checked}
                    onChange={() => {
                      setProgramId(program.id);
                      setProgramError(undefined);
                    }}
                    className="mt-1 size-5 shrink-0 accent-brand-700"
                  />
                  <span className="flex flex-col gap-1">
                    <span className="font-semibold text-slate-900">{localized(program.name)}</span>
                    <span className="text-slate-700 text-sm">{localized(program.description)}</span>
                    <span className="text-slate-600 text-sm">{t('open.documents', { count: required })}</span>
                  </span>
                </label>
              );
            })}
            <FieldError id={errorId} message={programError} />
          </fieldset>
          <Input
            type="date"
            label={t('open.dateOfBirth')}
            hint={t('open.dateOfBirthHint')}
            value={dateOfBirth}
            max={new Date().toISOString().slice(0, 10)}
            onChange={(event) => setDateOfBirth(event.target.value)}
          />
          <ServerErrorAlert error={create.error} />
          <div className="flex flex-wrap justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">{t('open.cancel')}</Button>
            </DialogClose>
            <SubmitButton pending={create.isPending}>{t('open.submit')}</SubmitButton>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
