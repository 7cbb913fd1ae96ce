import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { useSession } from '../../../lib/auth';

/**
 * Recovery codes just issued, shown this once: to copy or download as a text file before leaving.
 * `onDone` when the person says they kept them.
 */
export function RecoveryCodesList({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation('security');
  const { user } = useSession();
  const [copied, setCopied] = useState(false);
  const text = [t('recovery.fileHeader', { email: user?.email ?? '' }), '', ...codes, ''].join('\n');

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = t('recovery.fileName');
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  return (
    <Alert tone="warning" live={false} title={t('recovery.shownTitle')}>
      <p>{t('recovery.shownBody')}</p>
      <ul
        aria-label={t('recovery.shownTitle')}
        className="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 rounded-lg bg-white p-4 font-mono text-base text-slate-900 ring-1 ring-amber-300 ring-inset min-[400px]:grid-cols-2"
      >
        {codes.map((code) => (
          <li key={code} translate="no">
            {code}
          </li>
        ))}
      </ul>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">
        <Button variant="secondary" onClick={() => void copy()}>
          {t('recovery.copy')}
        </Button>
        <Button variant="secondary" onClick={download}>
          {t('recovery.download')}
        </Button>
        <Button onClick={onDone}>{t('recovery.done')}</Button>
      </div>
      <div className="mt-2">
        <SaveStatus message={copied ? t('recovery.copied') : null} />
      </div>
    </Alert>
  );
}
