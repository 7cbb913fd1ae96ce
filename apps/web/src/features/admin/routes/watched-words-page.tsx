import { type TWatchedWordAction, watchedWordActions } from '@capitune/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button, ButtonLink } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { applyServerErrors, translateMessage } from '../../../lib/form-errors';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useAddWatchedWord } from '../api/add-watched-word';
import { useChangeWatchedWord } from '../api/change-watched-word';
import { useWatchedWords } from '../api/list-watched-words';
import { useRemoveWatchedWord } from '../api/remove-watched-word';
import { AdminGate } from '../components/admin-gate';

export function WatchedWordsPage() {
  return (
    <AdminGate>
      <WatchedWords />
    </AdminGate>
  );
}

function WatchedWords() {
  const { t } = useTranslation(['admin', 'forms']);
  usePageMeta(t('watchedWords.metaTitle'));
  const words = useWatchedWords();
  const addWord = useAddWatchedWord();
  const changeWord = useChangeWatchedWord();
  const removeWord = useRemoveWatchedWord();
  const [word, setWord] = useState('');
  const [action, setAction] = useState<TWatchedWordAction>('block');
  const [wordError, setWordError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  async function add(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    setStatus(null);
    if (!word.trim()) {
      setWordError('i18n:{"key":"forms:validation.required"}');
      return;
    }
    setPending(true);
    try {
      const created = await addWord.mutateAsync({ word, action });
      setWord('');
      setStatus(t('watchedWords.added', { word: created.word }));
    } catch (caught) {
      const applied = applyServerErrors(caught, (_name, { message }) => setWordError(message), [
        'word',
      ] as const);
      if (!applied) setError(caught);
    } finally {
      setPending(false);
    }
  }

  async function run(task: () => Promise<unknown>, message: string) {
    setError(null);
    setStatus(null);
    try {
      await task();
      setStatus(message);
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14">
      <ButtonLink to="/admin/moderation" variant="ghost" className="-ms-4">
        ← {t('watchedWords.back')}
      </ButtonLink>
      <h1 className="mt-2 font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
        {t('watchedWords.title')}
      </h1>
      <p className="mt-3 text-lg text-slate-700">{t('watchedWords.intro')}</p>

      <form
        noValidate
        onSubmit={(event) => void add(event)}
        className="mt-8 grid items-start gap-4 sm:grid-cols-[1fr_14rem_auto]"
      >
        <Input
          label={t('watchedWords.word')}
          required
          maxLength={100}
          value={word}
          error={translateMessage(t, wordError)}
          onChange={(event) => {
            setWord(event.target.value);
            setWordError(undefined);
          }}
        />
        <Select
          label={t('watchedWords.action')}
          value={action}
          onChange={(event) => setAction(event.target.value as TWatchedWordAction)}
        >
          {watchedWordActions.map((value) => (
            <option key={value} value={value}>
              {t(`watchedWords.actions.${value}`)}
            </option>
          ))}
        </Select>
        <SubmitButton pending={pending} className="sm:mt-8">
          {t('watchedWords.add')}
        </SubmitButton>
      </form>
      <div className="mt-4">
        <ServerErrorAlert error={error} />
        <SaveStatus message={status} />
      </div>

      <section aria-label={t('watchedWords.listLabel')} className="mt-8">
        {words.isPending && <Spinner label={t('watchedWords.loading')} />}
        {words.isError && <ServerErrorAlert error={words.error} />}
        {words.data && words.data.items.length === 0 && (
          <p className="text-slate-700">{t('watchedWords.empty')}</p>
        )}
        {words.data && words.data.items.length > 0 && (
          <ul className="flex flex-col divide-y divide-slate-200 rounded-2xl bg-white ring-1 ring-slate-200">
            {words.data.items.map((item) => (
              <li key={item.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
                <span className="me-auto break-all font-semibold text-slate-900">{item.word}</span>
                <label className="sr-only" htmlFor={`action-${item.id}`}>
                  {t('watchedWords.actionFor', { word: item.word })}
                </label>
                <select
                  id={`action-${item.id}`}
                  value={item.action}
                  onChange={(event) => {
                    const next = event.target.value as TWatchedWordAction;
                    void run(
                      () => changeWord.mutateAsync({ id: item.id, action: next }),
                      t('watchedWords.updated', { word: item.word }),
                    );
                  }}
                  className="min-h-11 rounded-lg border border-slate-400 bg-white px-3"
                >
                  {watchedWordActions.map((value) => (
                    <option key={value} value={value}>
                      {t(`watchedWords.actions.${value}`)}
                    </option>
                  ))}
                </select>
                <Button
                  variant="secondary"
                  aria-label={t('watchedWords.removeLabel', { word: item.word })}
                  onClick={() =>
                    void run(
                      () => removeWord.mutateAsync(item.id),
                      t('watchedWords.removed', { word: item.word }),
                    )
                  }
                >
                  {t('watchedWords.remove')}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
