import { dossierStatuses, type TDossier, type TDossierStatus } from '@capitune/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { SubmitButton } from '../../../components/ui/submit-button';
import { useUpdateDossier } from '../api/update-dossier';

/** The pro in charge sets the status and the IRCC/MIFI file number. */
export function DossierSettings({ dossier }: { dossier: TDossier }) {
  const { t } = useTranslation('dossiers');
  const headingId = useId();
  const [status, setStatus] = useState<TDossierStatus>(dossier.status);
  const [fileNumber, setFileNumber] = useState(dossier.fileNumber ?? '');
  const [saved, setSaved] = useState(false);
  const save = useUpdateDossier(dossier.id, { onSuccess: () => setSaved(true) });

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
        {t('settings.title')}
      </h2>
      <form
        noValidate
        className="mt-4 flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          save.mutate({ status, fileNumber: fileNumber.trim() || null });
        }}
      >
        <Select
          label={t('settings.status')}
          value={status}
          onChange={(event) => setStatus(event.target.value as TDossierStatus)}
        >
          {dossierStatuses.map((value) => (
            <option key={value} value={value}>
              {t(`status.${value}`)}
            </option>
          ))}
        </Select>
        <Input
          label={t('settings.fileNumber')}
          hint={t('settings.fileNumberHint')}
          value={fileNumber}
          maxLength={40}
          autoComplete="off"
          onChange={(event) => setFileNumber(event.target.value)}
        />
        <ServerErrorAlert error={save.error} />
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton variant="secondary" pending={save.isPending}>
            {t('settings.save')}
          </SubmitButton>
          <SaveStatus message={saved ? t('settings.saved') : null} />
        </div>
      </form>
    </section>
  );
}
