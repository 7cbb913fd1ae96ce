import type { TProProfile } from '@capitune/contracts';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button, ButtonLink } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent } from '../../../components/ui/dialog';
import { Spinner } from '../../../components/ui/spinner';
import { useSession } from '../../../lib/auth';
import { useProgramName } from '../../../lib/dossiers/programs';
import { useMyOpenDossiers } from '../api/list-my-open-dossiers';

/**
 * "Demander un accompagnement": starts the assignment request of Mon dossier with this pro chosen. An
 * anonymous visitor signs in first and comes back here (`?ask=1`), which starts it at once; a candidate
 * with several dossiers picks the one to entrust.
 */
export function AskAccompaniment({
  pro,
  autoStart,
  onAutoStarted,
}: {
  pro: TProProfile;
  autoStart: boolean;
  /** Drops `?ask=1` from the address (so that going back does not start again); resolves once done. */
  onAutoStarted: () => Promise<unknown>;
}) {
  const { t } = useTranslation('pros');
  const { status, user } = useSession();
  const navigate = useNavigate();
  const programName = useProgramName();
  const [choosing, setChoosing] = useState(false);
  const isCandidate = status === 'signedIn' && user?.role === 'candidate';
  const dossiers = useMyOpenDossiers(isCandidate && (choosing || autoStart));
  const [dossierId, setDossierId] = useState('');
  const groupId = useId();
  const started = useRef(false);

  const goTo = (id: string) =>
    void navigate({ to: '/dossiers/$dossierId', params: { dossierId: id }, search: { pro: pro.slug } });

  function start() {
    if (dossiers.data?.length === 1 && dossiers.data[0]) goTo(dossiers.data[0].id);
    else setChoosing(true);
  }

  // Back from the login page: go on as if the button had been pressed.
  useEffect(() => {
    if (!autoStart || started.current || !isCandidate || !dossiers.data) return;
    started.current = true;
    const only = dossiers.data.length === 1 ? dossiers.data[0] : undefined;
    void onAutoStarted().then(() => {
      if (only) goTo(only.id);
      else setChoosing(true);
    });
  });

  if (status === 'loading') return null;
  if (status === 'anonymous') {
    return (
      <ButtonLink to="/login" search={{ redirect: `/pros/${pro.slug}?ask=1` }} size="lg">
        {t('ask.button')}
      </ButtonLink>
    );
  }
  if (!isCandidate) return <p className="text-slate-600 text-sm">{t('ask.candidatesOnly')}</p>;

  return (
    <>
      <Button size="lg" onClick={start} disabled={!pro.acceptingClients || !pro.verified}>
        {t('ask.button')}
      </Button>
      {!pro.acceptingClients && <p className="text-slate-600 text-sm">{t('ask.notAccepting')}</p>}
      <Dialog open={choosing} onOpenChange={setChoosing}>
        <DialogContent
          title={t('ask.chooseTitle', { name: `${pro.firstName} ${pro.lastName}` })}
          description={t('ask.chooseDescription')}
        >
          {dossiers.isPending && <Spinner label={t('ask.loading')} />}
          <ServerErrorAlert error={dossiers.error} />
          {dossiers.data && dossiers.data.length === 0 && (
            <div className="flex flex-col gap-4">
              <p className="text-slate-700">{t('ask.noDossier')}</p>
              <ButtonLink to="/dossiers" search={{ open: true }}>
                {t('ask.openDossier')}
              </ButtonLink>
            </div>
          )}
          {dossiers.data && dossiers.data.length > 0 && (
            <form
              noValidate
              className="flex flex-col gap-4"
              onSubmit={(event) => {
                event.preventDefault();
                const chosen = dossierId || dossiers.data[0]?.id;
                if (chosen) goTo(chosen);
              }}
            >
              <fieldset className="flex flex-col gap-2">
                <legend className="mb-1 font-medium text-slate-900">{t('ask.dossier')}</legend>
                {dossiers.data.map((dossier, index) => (
                  <label
                    key={dossier.id}
                    className="flex min-h-11 items-center gap-3 rounded-xl p-3 text-slate-800 ring-1 ring-slate-300 ring-inset has-checked:bg-brand-50 has-checked:ring-2 has-checked:ring-brand-700"
                  >
                    <input
                      type="radio"
                      name={`${groupId}-dossier`}
                      value={dossier.id}
                      checked={dossierId ? dossierId === dossier.id : index === 0}
                      onChange={() => setDossierId(dossier.id)}
                      className="size-5 accent-brand-700"
                    />
                    {programName(dossier.programId)}
                  </label>
                ))}
              </fieldset>
              <div className="flex flex-wrap justify-end gap-2">
                <DialogClose asChild>
                  <Button variant="secondary">{t('ask.cancel')}</Button>
                </DialogClose>
                <Button type="submit">{t('ask.continue')}</Button>
              </div>
            </form>
          )}
        </DialogContent>
      </Dialog>
    </>
  );
}
