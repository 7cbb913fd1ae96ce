import { type TIpAllowlist, ZIpAllowlistBody } from '@capitune/contracts';
import { useId, useState } from 'react';
import { type Path, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Checkbox } from '../../../components/ui/checkbox';
import { Input } from '../../../components/ui/input';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { useIpAllowlist } from '../api/get-ip-allowlist';
import { usePutIpAllowlist } from '../api/put-ip-allowlist';
import { allowlistFieldErrors, rangeFieldOf } from '../lib/allowlist-errors';

type Values = { enabled: boolean; ranges: { cidr: string; label: string }[] };
type Output = z.output<typeof ZIpAllowlistBody>;

// Documentation ranges (RFC 5737, RFC 3849): examples that are nobody's network.
const examples = { ipv4: '203.0.113.0/24', ipv6: '2001:db8::/48' };

const valuesOf = (allowlist: TIpAllowlist): Values => ({
  enabled: allowlist.enabled,
  ranges: allowlist.ranges.map(({ cidr, label }) => ({ cidr, label })),
});

/**
 * The firm's network ranges (IPv4 and IPv6, CIDR): once switched on, its members reach client dossiers
 * only from them. Shows the address the API sees for this browser and whether the saved ranges hold it;
 * the API refuses a list that would shut out the person saving it.
 */
export function IpAllowlistSection({
  firmId,
  headingId,
  className,
}: {
  firmId: string;
  headingId: string;
  className?: string;
}) {
  const { t } = useTranslation('firm');
  const allowlist = useIpAllowlist(firmId);
  return (
    <section aria-labelledby={headingId} className={className}>
      <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
        {t('network.heading')}
      </h2>
      <p className="mt-2 text-slate-700">{t('network.intro')}</p>
      {allowlist.isPending && <Spinner label={t('network.loading')} className="mt-4" />}
      {allowlist.isError && (
        <ServerErrorAlert error={allowlist.error} className="mt-4">
          <Button variant="secondary" className="mt-3" onClick={() => void allowlist.refetch()}>
            {t('network.retry')}
          </Button>
        </ServerErrorAlert>
      )}
      {allowlist.data && <AllowlistForm firmId={firmId} allowlist={allowlist.data} />}
    </section>
  );
}

function AllowlistForm({ firmId, allowlist }: { firmId: string; allowlist: TIpAllowlist }) {
  const { t } = useTranslation(['firm', 'forms']);
  const save = usePutIpAllowlist();
  const enabledHintId = useId();
  const [saved, setSaved] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  // Refusals that belong to no single row (the list as a whole, the switch).
  const [listErrors, setListErrors] = useState<string[]>([]);
  const form = useForm<Values, unknown, Output>({
    resolver: formResolver<Values, Output>(ZIpAllowlistBody),
    defaultValues: valuesOf(allowlist),
  });
  const rows = useFieldArray({ control: form.control, name: 'ranges' });
  const { errors } = form.formState;
  const yourAddress = allowlist.yourAddress;
  const values = form.watch('ranges');
  // Offered until a row holds the address itself (as typed, or as the one-address range it is saved as).
  const yourAddressListed =
    !!yourAddress &&
    values.some((range) =>
      [yourAddress, `${yourAddress}/32`, `${yourAddress}/128`].includes(range.cidr.trim()),
    );

  async function onSubmit(body: Output) {
    setSaved(false);
    setFormError(null);
    setListErrors([]);
    try {
      const result = await save.mutateAsync({ firmId, body });
      form.reset(valuesOf(result));
      setSaved(true);
    } catch (error) {
      const refused = allowlistFieldErrors(error, yourAddress);
      if (refused.length === 0) {
        setFormError(error);
        return;
      }
      const others: string[] = [];
      let focused = false;
      for (const item of refused) {
        const row = rangeFieldOf(item.name);
        if (row && row.index < body.ranges.length) {
          form.setError(
            `ranges.${row.index}.${row.field}` as Path<Values>,
            { type: 'server', message: item.message },
            { shouldFocus: !focused },
          );
          focused = true;
        } else {
          others.push(item.message);
        }
      }
      setListErrors(others);
    }
  }

  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="mt-4 flex flex-col gap-5">
      <YourAddress allowlist={allowlist} />

      <Checkbox
        role="switch"
        label={t('network.enabled')}
        aria-describedby={enabledHintId}
        {...form.register('enabled')}
      />
      <p id={enabledHintId} className="-mt-3 ms-8 text-slate-600 text-sm">
        {t('network.enabledHint')}
      </p>

      <fieldset className="flex flex-col gap-3">
        <legend className="font-semibold text-slate-900">{t('network.ranges')}</legend>
        <p className="text-slate-600 text-sm">{t('network.rangesHint', examples)}</p>
        {rows.fields.length === 0 ? (
          <p className="text-slate-700">{t('network.none')}</p>
        ) : (
          <ol className="flex flex-col gap-3">
            {rows.fields.map((row, index) => (
              <li
                key={row.id}
                className="grid gap-3 rounded-xl p-3 ring-1 ring-slate-200 ring-inset sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-start"
              >
                <Input
                  label={t('network.cidr', { number: index + 1 })}
                  autoComplete="off"
                  spellCheck={false}
                  inputMode="text"
                  required
                  error={translateMessage(t, errors.ranges?.[index]?.cidr?.message)}
                  {...form.register(`ranges.${index}.cidr`)}
                />
                <Input
                  label={t('network.label', { number: index + 1 })}
                  autoComplete="off"
                  error={translateMessage(t, errors.ranges?.[index]?.label?.message)}
                  {...form.register(`ranges.${index}.label`)}
                />
                <Button
                  variant="ghost"
                  className="w-fit sm:mt-8"
                  aria-label={t('network.remove', { number: index + 1 })}
                  onClick={() => rows.remove(index)}
                >
                  {t('network.removeShort')}
                </Button>
              </li>
            ))}
          </ol>
        )}
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            onClick={() => rows.append({ cidr: '', label: '' })}
            disabled={rows.fields.length >= 100}
          >
            {t('network.add')}
          </Button>
          {yourAddress && !yourAddressListed && (
            <Button
              variant="ghost"
              onClick={() => rows.append({ cidr: yourAddress, label: t('network.yourAddressLabel') })}
              disabled={rows.fields.length >= 100}
            >
              {t('network.addYours')}
            </Button>
          )}
        </div>
      </fieldset>

      <div className="flex flex-col gap-3">
        {listErrors.length > 0 && (
          <Alert tone="error">
            {listErrors.map((message) => (
              <p key={message}>{translateMessage(t, message)}</p>
            ))}
          </Alert>
        )}
        <ServerErrorAlert error={formError} />
        <div className="flex flex-wrap items-center gap-4">
          <SubmitButton pending={save.isPending}>{t('network.save')}</SubmitButton>
          <SaveStatus message={saved && !form.formState.isDirty ? t('network.saved') : null} />
        </div>
      </div>
    </form>
  );
}

function YourAddress({ allowlist }: { allowlist: TIpAllowlist }) {
  const { t } = useTranslation('firm');
  if (!allowlist.yourAddress) {
    return <p className="text-slate-700">{t('network.yourAddressUnknown')}</p>;
  }
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-xl bg-slate-50 px-4 py-3 ring-1 ring-slate-200 ring-inset">
      <p className="text-slate-800">
        {t('network.yourAddress')}{' '}
        <span className="font-mono font-semibold wrap-anywhere">{allowlist.yourAddress}</span>
      </p>
      {allowlist.yourAddressAllowed ? (
        <Badge tone="success">{t('network.inside')}</Badge>
      ) : (
        <Badge tone="warning">{t('network.outside')}</Badge>
      )}
    </div>
  );
}
