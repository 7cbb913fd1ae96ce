import { type Ref, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError, fieldClasses } from '../../../components/ui/input';
import { cn } from '../../../lib/cn';

type Renderer = (source: string) => string;
let rendererPromise: Promise<Renderer> | null = null;
/** marked and DOMPurify load the first time someone opens the preview, not with the page. */
const loadRenderer = () => {
  rendererPromise ??= import('../lib/markdown-preview').then((module) => module.renderPreview);
  return rendererPromise;
};

/**
 * A Markdown textarea with a Write / Preview switch (two toggle buttons). The preview is rendered here,
 * sanitised with the API's allowlist, and only shown: what is stored is rendered again by the API.
 */
export function MarkdownField({
  label,
  hint,
  error,
  value,
  required,
  maxLength,
  rows = 10,
  textareaRef,
  ...props
}: {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  required?: boolean;
  maxLength?: number;
  rows?: number;
  textareaRef?: Ref<HTMLTextAreaElement>;
  name: string;
  onChange: React.ChangeEventHandler<HTMLTextAreaElement>;
  onBlur: React.FocusEventHandler<HTMLTextAreaElement>;
}) {
  const { t } = useTranslation('inside');
  const id = useId();
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const [html, setHtml] = useState<string | null>(null);

  useEffect(() => {
    if (mode !== 'preview') return;
    let current = true;
    setHtml(null);
    void loadRenderer().then((render) => {
      if (current) setHtml(render(value));
    });
    return () => {
      current = false;
    };
  }, [mode, value]);

  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const toggleClasses = (active: boolean) =>
    cn(
      'min-h-11 rounded-lg px-4 font-medium text-sm ring-1 ring-inset',
      active
        ? 'bg-brand-800 text-white ring-brand-800'
        : 'bg-white text-brand-900 ring-slate-300 hover:bg-brand-50',
    );

  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <label htmlFor={id} className="font-medium text-slate-900">
          {label}
          {required && (
            <span aria-hidden="true" className="ms-0.5 text-maple-700">
              *
            </span>
          )}
        </label>
        <fieldset className="flex gap-2">
          <legend className="sr-only">{t('composer.modeLabel')}</legend>
          <button
            type="button"
            aria-pressed={mode === 'write'}
            onClick={() => setMode('write')}
            className={toggleClasses(mode === 'write')}
          >
            {t('composer.write')}
          </button>
          <button
            type="button"
            aria-pressed={mode === 'preview'}
            onClick={() => setMode('preview')}
            className={toggleClasses(mode === 'preview')}
          >
            {t('composer.preview')}
          </button>
        </fieldset>
      </div>
      {hint && (
        <p id={hintId} className="text-slate-600 text-sm">
          {hint}
        </p>
      )}
      <textarea
        ref={textareaRef}
        id={id}
        value={value}
        rows={rows}
        maxLength={maxLength}
        required={required}
        hidden={mode !== 'write'}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        className={cn(fieldClasses(error), 'font-mono text-sm leading-relaxed')}
        {...props}
      />
      {mode === 'preview' && (
        <section
          aria-label={t('composer.preview')}
          aria-live="polite"
          className="min-h-40 rounded-lg border border-slate-300 bg-slate-50 px-4 py-3"
        >
          {html === null ? (
            <p className="text-slate-600">{t('composer.previewLoading')}</p>
          ) : html === '' ? (
            <p className="text-slate-600">{t('composer.previewEmpty')}</p>
          ) : (
            // Sanitised by DOMPurify with the API's allowlist (lib/markdown-preview.ts).
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised just above
            <div className="rich-text" dangerouslySetInnerHTML={{ __html: html }} />
          )}
        </section>
      )}
      <FieldError id={errorId} message={error} />
    </div>
  );
}
