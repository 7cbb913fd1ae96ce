import type { TAdminUserDetail, TAdminUserListItem } from '@capitune/contracts';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Input } from '../../../components/ui/input';
import { translateMessage } from '../../../lib/form-errors';
import { useActOnUser } from '../api/act-on-user';
import { getUser } from '../api/get-user';
import { listUsers } from '../api/list-users';

type Candidate = Pick<TAdminUserListItem, 'id' | 'firstName' | 'lastName' | 'email'>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Finds the duplicate by its id or through the members' search, then merges it into this member. */
export function UserMerge({ user, onMerged }: { user: TAdminUserDetail; onMerged: () => void }) {
  const { t } = useTranslation(['admin-users', 'forms']);
  const act = useActOnUser(user.id);
  const resultsId = useId();
  const [lookup, setLookup] = useState('');
  const [lookupError, setLookupError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [searching, setSearching] = useState(false);
  const [found, setFound] = useState<Candidate[] | null>(null);
  const [chosen, setChosen] = useState<Candidate | null>(null);
  const name = `${user.firstName} ${user.lastName}`;

  async function find(event: FormEvent) {
    event.preventDefault();
    const value = lookup.trim();
    setError(null);
    if (!value) return setLookupError('i18n:{"key":"forms:validation.required"}');
    setLookupError(undefined);
    setSearching(true);
    try {
      const candidates: Candidate[] = uuidPattern.test(value)
        ? [await getUser(value)]
        : (await listUsers({ q: value })).items;
      setFound(candidates.filter((candidate) => candidate.id !== user.id));
    } catch (caught) {
      setFound(null);
      setError(caught);
    } finally {
      setSearching(false);
    }
  }

  return (
    <div className="flex flex-col gap-3">
      <p className="text-slate-700 text-sm">{t('actions.merge.intro')}</p>
      <form noValidate onSubmit={find} className="flex flex-wrap items-end gap-2">
        <Input
          label={t('actions.merge.lookup')}
          value={lookup}
          maxLength={200}
          autoCapitalize="none"
          error={translateMessage(t, lookupError)}
          onChange={(event) => setLookup(event.target.value)}
          className="min-w-0 flex-1 basis-48"
        />
        <Button type="submit" variant="secondary" disabled={searching} aria-controls={resultsId}>
          {t('actions.merge.find')}
        </Button>
      </form>
      <ServerErrorAlert error={error} />
      <div id={resultsId} aria-live="polite">
        {found?.length === 0 && <p className="text-slate-700 text-sm">{t('actions.merge.noResult')}</p>}
        {found && found.length > 0 && (
          <ul aria-label={t('actions.merge.results')} className="flex flex-col gap-2">
            {found.map((candidate) => {
              const candidateName = `${candidate.firstName} ${candidate.lastName}`;
              return (
                <li key={candidate.id} className="rounded-lg bg-white p-3 text-sm ring-1 ring-slate-200">
                  <p className="font-medium text-slate-900">{candidateName}</p>
                  <p className="break-all text-slate-700">{candidate.email}</p>
                  <Button variant="secondary" size="sm" className="mt-2" onClick={() => setChosen(candidate)}>
                    {t('actions.merge.choose', { name: candidateName })}
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <ConfirmDialog
        open={chosen !== null}
        onOpenChange={(next) => !next && setChosen(null)}
        title={t('actions.merge.confirmTitle', {
          duplicate: chosen ? `${chosen.firstName} ${chosen.lastName}` : '',
          name,
        })}
        description={t('actions.merge.confirmBody', {
          duplicate: chosen ? `${chosen.firstName} ${chosen.lastName}` : '',
          email: chosen?.email ?? '',
          name,
        })}
        confirmLabel={t('actions.merge.confirm')}
        cancelLabel={t('actions.cancel')}
        onConfirm={async () => {
          if (!chosen) return;
          await act.mutateAsync({ action: 'merge', duplicateId: chosen.id });
          setFound(null);
          setLookup('');
          onMerged();
        }}
      />
    </div>
  );
}
