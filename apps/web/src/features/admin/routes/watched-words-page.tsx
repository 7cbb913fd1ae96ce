import {
  type TWatchedWord,
  type TWatchedWordAction,
  watchedWordActions,
  watchedWordLists,
} from '@capitune/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Badge } from '../../../components/ui/badge';
import { Button, ButtonLink } from '../../../components/ui/button';
import { Select } from '../../../components/ui/select';
import { Spinner } from '../../../components/ui/spinner';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useAddWatchedWord } from '../api/add-watched-word';
import { useChangeWatchedWord } from '../api/change-watched-word';
import { type TWatchedWordList, useWatchedWords } from '../api/list-watched-words';
import { useRemoveWatchedWord } from '../api/remove-watched-word';
import { AdminGate } from '../components/admin-gate';
import { AdminNav } from '../components/admin-nav';
import { ModerationCsvTools } from '../components/moderation-csv-tools';
import { ModerationRuleForm } from '../components/moderation-rule-form';
import { ModerationTestBox } from '../components/moderation-test-box';

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
  const [list, setList] = useState<TWatchedWordList | 'all'>('all');
  const [action, setAction] = useState<TWatchedWordAction | 'all'>('all');
  const words = useWatchedWords({
    list: list === 'all' ? undefined : list,
    action: action === 'all' ? undefined : action,
  });
  const addWord = useAddWatchedWord();
  const [status, setStatus] = useState<string | null>(null);
  const items = words.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14">
      <AdminNav />
      <ButtonLink to="/admin/moderation" variant="ghost" className="-ms-4 mt-4">
        ← {t('watchedWords.back')}
      </ButtonLink>
      <h1 className="mt-2 font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
        {t('watchedWords.title')}
      </h1>
      <p className="mt-3 text-lg text-slate-700">{t('watchedWords.intro')}</p>

      <details className="mt-6 rounded-2xl bg-white p-4 ring-1 ring-slate-200">
        <summary className="cursor-pointer font-medium text-slate-900">
          {t('watchedWords.explanationsTitle')}
        </summary>
        <dl className="mt-3 flex flex-col gap-2">
          {watchedWordActions.map((value) => (
            <div key={value}>
              <dt className="font-semibold text-slate-900">{t(`watchedWords.actions.${value}`)}</dt>
              <dd className="text-slate-700">{t(`watchedWords.explanations.${value}`)}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-slate-700">{t('watchedWords.strongest')}</p>
      </details>

      <section aria-labelledby="watched-words-add-title" className="mt-8">
        <h2 id="watched-words-add-title" className="font-semibold text-slate-900 text-xl">
          {t('watchedWords.addTitle')}
        </h2>
        <div className="mt-4">
          <ModerationRuleForm
            idPrefix="new-rule"
            submitLabel={t('watchedWords.add')}
            onSubmit={async (input) => {
              setStatus(null);
              const created = await addWord.mutateAsync(input);
              setStatus(t('watchedWords.added', { word: created.word }));
            }}
          />
        </div>
        <SaveStatus message={status} />
      </section>

      <ModerationCsvTools />

      <section aria-labelledby="watched-words-list-title" className="mt-10">
        <h2 id="watched-words-list-title" className="font-semibold text-slate-900 text-xl">
          {t('watchedWords.listLabel')}
        </h2>
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <Select
            label={t('watchedWords.filterList')}
            value={list}
            onChange={(event) => setList(event.target.value as TWatchedWordList | 'all')}
          >
            <option value="all">{t('watchedWords.allLists')}</option>
            {watchedWordLists.map((value) => (
              <option key={value} value={value}>
                {t(`watchedWords.lists.${value}`)}
              </option>
            ))}
          </Select>
          <Select
            label={t('watchedWords.filterAction')}
            value={action}
            onChange={(event) => setAction(event.target.value as TWatchedWordAction | 'all')}
          >
            <option value="all">{t('watchedWords.allActions')}</option>
            {watchedWordActions.map((value) => (
              <option key={value} value={value}>
                {t(`watchedWords.actions.${value}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="mt-4">
          {words.isPending && <Spinner label={t('watchedWords.loading')} />}
          {words.isError && <ServerErrorAlert error={words.error} />}
          {words.data && items.length === 0 && <p className="text-slate-700">{t('watchedWords.empty')}</p>}
          {items.length > 0 && (
            <ul className="flex flex-col divide-y divide-slate-200 rounded-2xl bg-white ring-1 ring-slate-200">
              {items.map((item) => (
                <WatchedWordItem key={item.id} item={item} onDone={setStatus} />
              ))}
            </ul>
          )}
          {words.hasNextPage && (
            <Button
              variant="secondary"
              className="mt-4"
              disabled={words.isFetchingNextPage}
              onClick={() => void words.fetchNextPage()}
            >
              {t('watchedWords.loadMore')}
            </Button>
          )}
        </div>
      </section>

      <ModerationTestBox />
    </div>
  );
}

/** One rule: what it is, and its edit and remove buttons (editing opens the form in place). */
function WatchedWordItem({ item, onDone }: { item: TWatchedWord; onDone: (message: string) => void }) {
  const { t } = useTranslation('admin');
  const changeWord = useChangeWatchedWord();
  const removeWord = useRemoveWatchedWord();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (editing) {
    return (
      <li className="px-4 py-4">
        <ModerationRuleForm
          idPrefix={`rule-${item.id}`}
          initial={{ word: item.word, locale: item.locale, action: item.action, tag: item.tag }}
          submitLabel={t('watchedWords.save')}
          onCancel={() => setEditing(false)}
          onSubmit={async (input) => {
            await changeWord.mutateAsync({ id: item.id, ...input });
            setEditing(false);
            onDone(t('watchedWords.updated', { word: input.word }));
          }}
        />
      </li>
    );
  }
  return (
    <li className="flex flex-wrap items-center gap-3 px-4 py-3">
      <span className="me-auto flex min-w-0 flex-wrap items-center gap-2">
        <span className="break-all font-semibold text-slate-900">{item.word}</span>
        <Badge tone="brand">{t(`watchedWords.lists.${item.locale ?? 'both'}`)}</Badge>
        <Badge tone={item.action === 'block' || item.action === 'silence' ? 'danger' : 'neutral'}>
          {t(`watchedWords.actions.${item.action}`)}
        </Badge>
        {item.tag && <Badge>{t('watchedWords.tagged', { tag: item.tag })}</Badge>}
      </span>
      <Button
        variant="secondary"
        aria-label={t('watchedWords.editLabel', { word: item.word })}
        onClick={() => setEditing(true)}
      >
        {t('watchedWords.edit')}
      </Button>
      <Button
        variant="secondary"
        aria-label={t('watchedWords.removeLabel', { word: item.word })}
        onClick={() => {
          setError(null);
          removeWord.mutate(item.id, {
            onSuccess: () => onDone(t('watchedWords.removed', { word: item.word })),
            onError: setError,
          });
        }}
      >
        {t('watchedWords.remove')}
      </Button>
      {error !== null && (
        <div className="w-full">
          <ServerErrorAlert error={error} />
        </div>
      )}
    </li>
  );
}
