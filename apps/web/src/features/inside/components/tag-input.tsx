import { TAGS_MAX } from '@capitune/contracts';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from '../../../components/ui/icons';
import { FieldError, fieldClasses } from '../../../components/ui/input';
import { cn } from '../../../lib/cn';
import { parseTagInput, type TagProblem } from '../lib/tags';

/**
 * Tags as chips. Typing a comma, a space or Enter adds the tag; Backspace in the empty field selects the
 * last chip's remove button; each chip is a button that removes it. Leaving the field adds what was typed.
 */
export function TagInput({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (tags: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation('inside');
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const chipsRef = useRef<HTMLUListElement>(null);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<{ value: string; reason: TagProblem } | null>(null);

  function apply(input: string, commit: boolean) {
    const result = parseTagInput(value, input, { max: TAGS_MAX, commit });
    setText(result.rest);
    setProblem(result.problem ?? null);
    if (result.tags.length !== value.length) onChange(result.tags);
  }

  function remove(tag: string) {
    onChange(value.filter((item) => item !== tag));
    setProblem(null);
    inputRef.current?.focus();
  }

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const message = problem ? t(`composer.tagProblems.${problem.reason}`, { value: problem.value }) : error;

  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="font-medium text-slate-900">
        {t('composer.tags')}
      </label>
      <p id={hintId} className="text-slate-600 text-sm">
        {t('composer.tagsHint')}
      </p>
      <div className={cn(fieldClasses(message), 'flex flex-wrap items-center gap-2')}>
        {value.length > 0 && (
          <ul ref={chipsRef} className="flex flex-wrap gap-2" aria-label={t('composer.addedTags')}>
            {value.map((tag) => (
              <li key={tag}>
                <button
                  type="button"
                  onClick={() => remove(tag)}
                  aria-label={t('composer.removeTag', { tag })}
                  className="inline-flex min-h-9 items-center gap-1 rounded-full bg-brand-50 px-3 font-medium text-brand-900 text-sm ring-1 ring-brand-200 ring-inset hover:bg-brand-100"
                >
                  #{tag}
                  <CloseIcon className="size-4" />
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          ref={inputRef}
          id={id}
          type="text"
          value={text}
          autoComplete="off"
          enterKeyHint="enter"
          aria-describedby={[hintId, message ? errorId : ''].filter(Boolean).join(' ')}
          aria-invalid={message ? true : undefined}
          onChange={(event) => apply(event.target.value, false)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              apply(text, true);
            } else if (event.key === 'Backspace' && text === '' && value.length > 0) {
              event.preventDefault();
              const buttons = chipsRef.current?.querySelectorAll('button');
              buttons?.[buttons.length - 1]?.focus();
            }
          }}
          onBlur={() => {
            if (text.trim()) apply(text, true);
          }}
          className="min-h-9 min-w-32 flex-1 rounded border-0 bg-transparent px-1"
        />
      </div>
      <FieldError id={errorId} message={message} />
    </div>
  );
}
