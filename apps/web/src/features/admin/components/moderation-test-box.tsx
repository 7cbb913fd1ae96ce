import type { TLocale, TModerationTestResult } from '@capitune/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { Select } from '../../../components/ui/select';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { translateMessage } from '../../../lib/form-errors';
import { useTestModeration } from '../api/test-moderation';

const tones: Record<TModerationTestResult['outcome'], BadgeTone> = {
  published: 'success',
  flagged: 'brand',
  held: 'warning',
  blocked: 'danger',
  silenced: 'danger',
};

/** "Test this text": the outcome the rules give a text, the text as it would be published, and why. */
export function ModerationTestBox() {
  const { t } = useTranslation(['admin', 'forms']);
  const test = useTestModeration();
  const [text, setText] = useState('');
  const [language, setLanguage] = useState<TLocale | 'auto'>('auto');
  const [textError, setTextError] = useState<string | undefined>();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!text.trim()) {
      setTextError('i18n:{"key":"forms:validation.required"}');
      return;
    }
    test.mutate({ text, ...(language === 'auto' ? {} : { language }) });
  }

  const result = test.data;
  return (
    <section
      aria-labelledby="moderation-test-title"
      className="mt-12 rounded-2xl bg-white p-4 ring-1 ring-slate-200 sm:p-6"
    >
      <h2 id="moderation-test-title" className="font-semibold text-slate-900 text-xl">
        {t('watchedWords.test.title')}
      </h2>
      <p className="mt-1 text-slate-700">{t('watchedWords.test.intro')}</p>
      <form noValidate onSubmit={submit} className="mt-4 flex flex-col gap-4">
        <Textarea
          label={t('watchedWords.test.text')}
          required
          rows={4}
          maxLength={20000}
          value={text}
          error={translateMessage(t, textError)}
          onChange={(event) => {
            setText(event.target.value);
            setTextError(undefined);
          }}
        />
        <div className="flex flex-wrap items-end gap-4">
          <Select
            label={t('watchedWords.test.language')}
            value={language}
            onChange={(event) => setLanguage(event.target.value as TLocale | 'auto')}
            className="min-w-48"
          >
            {(['auto', 'fr', 'en'] as const).map((value) => (
              <option key={value} value={value}>
                {t(`watchedWords.test.languages.${value}`)}
              </option>
            ))}
          </Select>
          <SubmitButton pending={test.isPending}>{t('watchedWords.test.submit')}</SubmitButton>
        </div>
      </form>
      <ServerErrorAlert error={test.error} />
      <div role="status" aria-live="polite" className="mt-4">
        {result && (
          <div className="flex flex-col gap-3">
            <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
              {t('watchedWords.test.outcome')}
              <Badge tone={tones[result.outcome]}>{t(`watchedWords.test.outcomes.${result.outcome}`)}</Badge>
              <span className="text-slate-600 text-sm">
                {t('watchedWords.test.detected', {
                  language: t(`watchedWords.test.languages.${result.language}`),
                })}
              </span>
            </p>
            {result.censoredText !== undefined && (
              <div>
                <p className="font-medium text-slate-900">{t('watchedWords.test.censored')}</p>
                <p className="mt-1 whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-3 text-slate-800">
                  {result.censoredText}
                </p>
              </div>
            )}
            {result.tags.length > 0 && (
              <p className="flex flex-wrap items-center gap-2 text-slate-900">
                {t('watchedWords.test.tags')}
                {result.tags.map((tag) => (
                  <Badge key={tag}>{tag}</Badge>
                ))}
              </p>
            )}
            {result.matches.length === 0 ? (
              <p className="text-slate-700">{t('watchedWords.test.noMatch')}</p>
            ) : (
              <ul aria-label={t('watchedWords.test.matches')} className="flex flex-col gap-2">
                {result.matches.map((match) => (
                  <li
                    // One text, one field: a rule matches it once.
                    key={`${match.source}-${match.rule.id ?? match.rule.word}-${match.rule.locale ?? ''}`}
                    className="rounded-lg border border-slate-200 p-3"
                  >
                    <p className="font-medium text-slate-900">
                      {t(`watchedWords.test.sources.${match.source}`)}
                      {' · '}
                      {match.source === 'signal' || match.source === 'trust'
                        ? t(`watchedWords.test.rules.${match.rule.word ?? 'unknown'}`, {
                            defaultValue: match.rule.word ?? '',
                          })
                        : match.rule.word}
                      {' → '}
                      {t(`watchedWords.actions.${match.rule.action}`)}
                      {match.rule.locale !== undefined && (
                        <span className="text-slate-600">
                          {' '}
                          ({t(`watchedWords.lists.${match.rule.locale ?? 'both'}`)})
                        </span>
                      )}
                    </p>
                    <p className="mt-1 break-words text-slate-700 text-sm">{match.excerpt}</p>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
