import { postCategories, type TPost, type TPostCategory, ZCreatePostBody } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { buttonClasses } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { SubmitButton } from '../../../components/ui/submit-button';
import { isApiError } from '../../../lib/api-error';
import { applyServerErrors, encodeMessage, translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { formatWait } from '../../../lib/format';
import { MarkdownField } from './markdown-field';
import { TagInput } from './tag-input';

export interface ComposerValues {
  title: string;
  body: string;
  category: TPostCategory | '';
  tags: string[];
  language: 'auto' | 'fr' | 'en';
}

const shape = ZCreatePostBody.shape;
const ZComposer = z.object({
  title: shape.title,
  body: shape.body,
  category: shape.category,
  tags: z.array(z.string()),
  language: z.enum(['auto', 'fr', 'en']),
});
export type ComposerOutput = z.output<typeof ZComposer>;
const fields = ['title', 'body', 'category', 'tags', 'language'] as const;

/** The refused word of a CONTENT_BLOCKED answer (`detail`: `Contains a word that is not allowed: "x"`). */
export function blockedWord(error: unknown): string | undefined {
  if (!isApiError(error) || error.code !== 'CONTENT_BLOCKED') return undefined;
  const source = error.detail ?? error.fieldErrors[0]?.message ?? '';
  return source.match(/"([^"]+)"/)?.[1];
}

/** A failed write of Inside: the refused word, the rate limit with its wait, or the usual message. */
export function WriteError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation('inside');
  if (!error) return null;
  if (isApiError(error) && error.code === 'CONTENT_BLOCKED') {
    const word = blockedWord(error);
    return (
      <Alert tone="error">
        {word ? t('composer.blocked', { word }) : t('errors.CONTENT_BLOCKED', { ns: 'common' })}
      </Alert>
    );
  }
  if (isApiError(error) && error.code === 'RATE_LIMITED') {
    const wait = error.retryAfterSeconds ? formatWait(error.retryAfterSeconds, i18n.language) : undefined;
    return (
      <Alert tone="error">
        {t('composer.rateLimited')}
        {wait && ` ${t('retryIn', { ns: 'common', wait })}`}
      </Alert>
    );
  }
  return <ServerErrorAlert error={error} />;
}

/** The form of a new post and of an edit. */
export function PostComposer({
  initial,
  submitLabel,
  cancelTo,
  onSubmit,
  error,
  onError,
}: {
  initial?: TPost;
  submitLabel: string;
  cancelTo: { to: '/inside' } | { to: '/inside/$postId'; params: { postId: string } };
  onSubmit: (values: ComposerOutput) => Promise<void>;
  error: unknown;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation(['inside', 'forms']);
  const form = useForm<ComposerValues, unknown, ComposerOutput>({
    resolver: formResolver<ComposerValues, ComposerOutput>(ZComposer),
    defaultValues: {
      title: initial?.title ?? '',
      body: initial?.bodySource ?? '',
      category: initial?.category ?? '',
      tags: initial?.tags ?? [],
      language: initial?.language ?? 'auto',
    },
  });
  const { errors, isSubmitting } = form.formState;

  async function submit(values: ComposerOutput) {
    onError(null);
    try {
      await onSubmit(values);
    } catch (caught) {
      const word = blockedWord(caught);
      if (word && isApiError(caught)) {
        const path = caught.fieldErrors[0]?.path.replace(/^body\./, '');
        const field = path === 'title' ? 'title' : 'body';
        form.setError(
          field,
          { type: 'server', message: encodeMessage('inside:composer.blockedField', { word }) },
          { shouldFocus: true },
        );
        onError(caught);
        return;
      }
      if (!applyServerErrors(caught, form.setError, fields)) onError(caught);
    }
  }

  return (
    <form noValidate onSubmit={form.handleSubmit(submit)} className="flex flex-col gap-6">
      <Input
        label={t('composer.title')}
        required
        maxLength={200}
        error={translateMessage(t, errors.title?.message)}
        {...form.register('title')}
      />
      <Controller
        control={form.control}
        name="body"
        render={({ field }) => (
          <MarkdownField
            label={t('composer.body')}
            hint={t('composer.bodyHint')}
            required
            maxLength={20_000}
            error={translateMessage(t, errors.body?.message)}
            value={field.value}
            name={field.name}
            onChange={field.onChange}
            onBlur={field.onBlur}
            textareaRef={field.ref}
          />
        )}
      />
      <div className="grid gap-6 sm:grid-cols-2">
        <Select
          label={t('composer.category')}
          required
          error={translateMessage(t, errors.category?.message)}
          {...form.register('category')}
        >
          <option value="">{t('composer.chooseCategory')}</option>
          {postCategories.map((category) => (
            <option key={category} value={category}>
              {t(`categories.${category}`)}
            </option>
          ))}
        </Select>
        <Select
          label={t('composer.language')}
          hint={t('composer.languageHint')}
          error={translateMessage(t, errors.language?.message)}
          {...form.register('language')}
        >
          {!initial && <option value="auto">{t('composer.languageAuto')}</option>}
          <option value="fr">{t('languages.fr')}</option>
          <option value="en">{t('languages.en')}</option>
        </Select>
      </div>
      <Controller
        control={form.control}
        name="tags"
        render={({ field }) => (
          <TagInput
            value={field.value}
            onChange={field.onChange}
            error={translateMessage(t, errors.tags?.message ?? errors.tags?.root?.message)}
          />
        )}
      />
      <WriteError error={error} />
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <Link {...cancelTo} className={buttonClasses({ variant: 'secondary' })}>
          {t('composer.cancel')}
        </Link>
        <SubmitButton pending={isSubmitting}>{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
