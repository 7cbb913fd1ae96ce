import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';

export interface RevealedSecret {
  endpointUrl: string;
  secret: string;
  /** Shown after a creation or after a rotation (which says how long the old secret still signs). */
  reason: 'created' | 'rotated';
}

/**
 * The endpoint's signing secret, shown once (the API never gives it again): a copy button, a warning,
 * and "done" to hide it. Focus moves to it on arrival, so a keyboard or screen reader user lands on it.
 */
export function WebhooksSecret({ revealed, onDone }: { revealed: RevealedSecret; onDone: () => void }) {
  const { t } = useTranslation('webhooks');
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'manual'>('idle');

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(revealed.secret);
      setCopy('copied');
    } catch {
      // No clipboard access (permissions, plain http): select the text for a manual copy.
      inputRef.current?.select();
      setCopy('manual');
    }
  }

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-2xl bg-amber-50 p-5 ring-1 ring-amber-300 ring-inset sm:p-6"
    >
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="font-semibold text-amber-950 text-xl">
        {revealed.reason === 'created' ? t('secret.titleCreated') : t('secret.titleRotated')}
      </h2>
      <p className="mt-2 break-all text-slate-800">{t('secret.for', { url: revealed.endpointUrl })}</p>
      <p className="mt-2 font-medium text-amber-950">{t('secret.warning')}</p>
      <Input
        ref={inputRef}
        label={t('secret.label')}
        value={revealed.secret}
        readOnly
        spellCheck={false}
        onFocus={(event) => event.currentTarget.select()}
        className="mt-4 [&_input]:font-mono [&_input]:text-sm"
      />
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button onClick={() => void copySecret()}>{t('secret.copy')}</Button>
        <Button variant="secondary" onClick={onDone}>
          {t('secret.done')}
        </Button>
        <p role="status" className="text-slate-800 text-sm">
          {copy === 'copied' ? t('secret.copied') : copy === 'manual' ? t('secret.copyManual') : ''}
        </p>
      </div>
    </section>
  );
}
