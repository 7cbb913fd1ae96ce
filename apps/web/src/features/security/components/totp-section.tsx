import { type TSecurityOverview, ZOneTimeCode } from '@capitune/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Input } from '../../../components/ui/input';
import { SubmitButton } from '../../../components/ui/submit-button';
import { isApiError } from '../../../lib/api-error';
import { useConfirmTotp } from '../api/confirm-totp';
import { useRemoveTotp } from '../api/remove-totp';
import { useSetUpTotp } from '../api/set-up-totp';
import { RecoveryCodesList } from './recovery-codes-list';
import { SectionActions, SecuritySection } from './security-section';

/** `JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP`: easier to type into an app (which ignores spaces). */
export const groupedSecret = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** The QR code as an image: the API's SVG document, as a data URL (the page's policy allows those). */
const svgDataUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** The authenticator app: set up (QR code or key, then a first code), or remove. */
export function TotpSection({
  overview,
  when,
}: {
  overview: TSecurityOverview;
  when: (iso: string) => string;
}) {
  const { t } = useTranslation(['security', 'common']);
  const setUp = useSetUpTotp();
  const confirm = useConfirmTotp();
  const remove = useRemoveTotp();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const setup = overview.totp.enabled ? undefined : setUp.data;

  async function onConfirm() {
    setCodeError(undefined);
    const parsed = ZOneTimeCode.safeParse(code);
    if (!parsed.success) {
      setCodeError(t('common:factor.invalidCode'));
      return;
    }
    try {
      const result = await confirm.mutateAsync(parsed.data);
      setCodes(result.codes);
      setCode('');
      setUp.reset();
      setStatus(t('totp.activated'));
    } catch (error) {
      if (isApiError(error) && error.fieldErrors.some((field) => field.path === 'body.code')) {
        setCodeError(t('totp.codeInvalid'));
      }
    }
  }

  async function copySecret(secret: string) {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  const confirmError =
    confirm.error && !(isApiError(confirm.error) && confirm.error.fieldErrors.length > 0)
      ? confirm.error
      : null;

  return (
    <SecuritySection id="authenticator" title={t('totp.title')} intro={t('totp.intro')}>
      {codes &&
        (codes.length > 0 ? (
          <RecoveryCodesList codes={codes} onDone={() => setCodes(null)} />
        ) : (
          <p className="text-slate-700">{t('recovery.kept')}</p>
        ))}

      {overview.totp.enabled ? (
        <>
          <p className="font-medium text-emerald-900">
            {overview.totp.confirmedAt
              ? t('totp.enabled', { date: when(overview.totp.confirmedAt) })
              : t('policy.satisfied')}
          </p>
          <SectionActions>
            <ConfirmDialog
              title={t('totp.removeTitle')}
              description={t('totp.removeBody')}
              confirmLabel={t('totp.remove')}
              cancelLabel={t('totp.cancel')}
              onConfirm={async () => {
                setStatus(null);
                await remove.mutateAsync();
                setCodes(null);
                setStatus(t('totp.removed'));
              }}
              trigger={<Button variant="secondary">{t('totp.remove')}</Button>}
            />
          </SectionActions>
        </>
      ) : setup ? (
        <div className="flex flex-col gap-5">
          <div>
            <h3 className="font-semibold text-slate-900">{t('totp.scanTitle')}</h3>
            <div className="mt-3 flex flex-col gap-4 sm:flex-row sm:items-start">
              <img
                src={svgDataUrl(setup.qrCodeSvg)}
                alt={t('totp.qrAlt')}
                width={192}
                height={192}
                className="size-48 shrink-0 rounded-lg bg-white ring-1 ring-slate-200"
              />
              <div className="flex min-w-0 flex-col gap-2">
                <p className="text-slate-700">{t('totp.manual')}</p>
                <p className="text-slate-600 text-sm">{t('totp.secretLabel')}</p>
                <code
                  translate="no"
                  data-testid="totp-secret"
                  className="break-all rounded-lg bg-slate-100 px-3 py-2 font-mono text-base text-slate-900"
                >
                  {groupedSecret(setup.secret)}
                </code>
                <div className="flex flex-wrap items-center gap-3">
                  <Button variant="secondary" size="sm" onClick={() => void copySecret(setup.secret)}>
                    {t('totp.copySecret')}
                  </Button>
                  <SaveStatus message={copied ? t('totp.copied') : null} />
                </div>
              </div>
            </div>
          </div>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void onConfirm();
            }}
            className="flex flex-col gap-4"
          >
            <h3 className="font-semibold text-slate-900">{t('totp.confirmTitle')}</h3>
            <Input
              label={t('totp.codeLabel')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={9}
              required
              value={code}
              error={codeError}
              onChange={(event) => setCode(event.target.value)}
              className="sm:max-w-xs"
            />
            <ServerErrorAlert error={confirmError} />
            <SectionActions>
              <SubmitButton pending={confirm.isPending}>{t('totp.confirm')}</SubmitButton>
              <Button variant="ghost" onClick={() => setUp.reset()}>
                {t('totp.cancel')}
              </Button>
            </SectionActions>
          </form>
        </div>
      ) : (
        <>
          <p className="text-slate-700">{t('totp.disabled')}</p>
          <ServerErrorAlert error={setUp.error} />
          <SectionActions>
            <Button
              disabled={setUp.isPending}
              aria-busy={setUp.isPending || undefined}
              onClick={() => {
                setStatus(null);
                setCodes(null);
                setUp.mutate();
              }}
            >
              {t('totp.setUp')}
            </Button>
          </SectionActions>
        </>
      )}
      <SaveStatus message={status} />
    </SecuritySection>
  );
}
