import { type TLocale, type TWatchedWordAction, watchedWordActions } from '@capitune/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { SubmitButton } from '../../../components/ui/submit-button';
import { applyServerErrors, translateMessage } from '../../../lib/form-errors';
import type { WatchedWordInput } from '../api/add-watched-word';

type Field = 'word' | 'tag';

const required = 'i18n:{"key":"forms:validation.required"}';

/** The list a rule belongs to, as the select's value: `both` is a null locale. */
const toListValue = (locale: TLocale | null) => locale ?? 'both';
const fromListValue = (value: string): TLocale | null => (value === 'fr' || value === 'en' ? value : null);

/** Adds or edits a watched word: the word, its list, its action, and the tag of a `tag` rule. */
export function ModerationRuleForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  idPrefix,
}: {
  initial?: WatchedWordInput;
  submitLabel: string;
  onSubmit: (input: WatchedWordInput) => Promise<unknown>;
  onCancel?: () => void;
  idPrefix: string;
}) {
  const { t } = useTranslation(['admin', 'forms']);
  const [word, setWord] = useState(initial?.word ?? '');
  const [locale, setLocale] = useState<TLocale | null>(initial?.locale ?? null);
  const [action, setAction] = useState<TWatchedWordAction>(initial?.action ?? 'block');
  const [tag, setTag] = useState(initial?.tag ?? '');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    const missing: Partial<Record<Field, string>> = {};
    if (!word.trim()) missing.word = required;
    if (action === 'tag' && !tag.trim()) missing.tag = required;
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setPending(true);
    try {
      await onSubmit({ word, locale, action, tag: action === 'tag' ? tag : null });
      if (!initial) {
        setWord('');
        setTag('');
      }
    } catch (caught) {
      const applied = applyServerErrors(
        caught,
        (name, { message }) => setErrors((current) => ({ ...current, [name]: message })),
        ['word', 'tag'] as const,
      );
      if (!applied) setError(caught);
    } finally {
      setPending(false);
    }
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-4">
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Input
          id={`${idPrefix}-word`}
          label={t('watchedWords.word')}
          hint={t('watchedWords.wordHint')}
          required
          maxLength={100}
          value={word}
          error={translateMessage(t, errors.word)}
          onChange={(event) => {
            setWord(event.target.value);
            setErrors((current) => ({ ...current, word: undefined }));
          }}
        />
        <Select
          id={`${idPrefix}-list`}
          label={t('watchedWords.list')}
          value={toListValue(locale)}
          onChange={(event) => setLocale(fromListValue(event.target.value))}
        >
          {(['both', 'fr', 'en'] as const).map((value) => (
            <option key={value} value={value}>
              {t(`watchedWords.lists.${value}`)}
            </option>
          ))}
        </Select>
        <Select
          id={`${idPrefix}-action`}
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
        {action === 'tag' && (
          <Input
            id={`${idPrefix}-tag`}
            label={t('watchedWords.tag')}
            hint={t('watchedWords.tagHint')}
            required
            maxLength={40}
            value={tag}
            error={translateMessage(t, errors.tag)}
            onChange={(event) => {
              setTag(event.target.value);
              setErrors((current) => ({ ...current, tag: undefined }));
            }}
          />
        )}
      </div>
      <p className="text-slate-700 text-sm">{t(`watchedWords.explanations.${action}`)}</p>
      <ServerErrorAlert error={error} />
      <div className="flex flex-wrap gap-3">
        <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            {t('watchedWords.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
