import { COMMENT_BODY_MAX } from '@capitune/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { WriteError } from './post-composer';

/** A comment, a reply or an edit: one textarea, sent as Markdown. */
export function CommentForm({
  label,
  submitLabel,
  initial = '',
  autoFocus,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  initial?: string;
  autoFocus?: boolean;
  onSubmit: (body: string) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation(['inside', 'forms']);
  const [body, setBody] = useState(initial);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [empty, setEmpty] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const text = body.trim();
    if (!text) {
      setEmpty(true);
      return;
    }
    setPending(true);
    setError(null);
    try {
      await onSubmit(text);
      setBody('');
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-3">
      <Textarea
        label={label}
        hint={t('composer.bodyHint')}
        rows={3}
        maxLength={COMMENT_BODY_MAX}
        value={body}
        autoFocus={autoFocus}
        error={empty ? t('forms:validation.required') : undefined}
        onChange={(event) => {
          setBody(event.target.value);
          setEmpty(false);
        }}
      />
      <WriteError error={error} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            {t('comments.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
