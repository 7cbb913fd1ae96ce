import { type TMe, ZUpdateMeBody } from '@capitune/contracts';
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { TimeZoneOptions } from '../../../components/forms/time-zone-options';
import { Badge } from '../../../components/ui/badge';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { SubmitButton } from '../../../components/ui/submit-button';
import { session } from '../../../lib/auth';
import { countryOptions } from '../../../lib/countries';
import { applyServerErrors, translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { changeLocale, currentLocale } from '../../../lib/i18n';
import { supportedLocales } from '../../../lib/locale';
import { timeZoneGroups } from '../../../lib/time-zones';
import { useUpdateMe } from '../api/update-me';
import { FormActions, ProfileSection } from './profile-section';

interface PersonalValues {
  firstName: string;
  lastName: string;
  phone: string;
  countryOfResidence: string;
  citizenship: string;
  locale: TMe['locale'];
  timeZone: string;
}

/** An empty field means "not given" (null), as the API wants it. */
const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

// The contract's field schemas (its body is all-optional for PATCH; this form sends every field).
const field = ZUpdateMeBody.shape;
const ZPersonalForm = z.object({
  firstName: field.firstName.unwrap(),
  lastName: field.lastName.unwrap(),
  phone: z.preprocess(blankToNull, field.phone.unwrap()),
  countryOfResidence: z.preprocess(blankToNull, field.countryOfResidence.unwrap()),
  citizenship: z.preprocess(blankToNull, field.citizenship.unwrap()),
  locale: field.locale.unwrap(),
  timeZone: field.timeZone.unwrap(),
});
type PersonalOutput = z.output<typeof ZPersonalForm>;
const fields = [
  'firstName',
  'lastName',
  'phone',
  'countryOfResidence',
  'citizenship',
  'locale',
  'timeZone',
] as const;

const toValues = (me: TMe): PersonalValues => ({
  firstName: me.firstName,
  lastName: me.lastName,
  phone: me.phone ?? '',
  countryOfResidence: me.countryOfResidence ?? '',
  citizenship: me.citizenship ?? '',
  locale: me.locale,
  timeZone: me.timeZone,
});

export function PersonalInfoSection({ me }: { me: TMe }) {
  const { t, i18n } = useTranslation(['account', 'forms', 'common']);
  const language = i18n.resolvedLanguage ?? i18n.language;
  const [saved, setSaved] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);

  const form = useForm<PersonalValues, unknown, PersonalOutput>({
    resolver: formResolver<PersonalValues, PersonalOutput>(ZPersonalForm),
    defaultValues: toValues(me),
  });
  const { errors } = form.formState;
  const fieldError = (name: keyof PersonalValues) => translateMessage(t, errors[name]?.message);

  const countries = useMemo(
    () => countryOptions(language, me.countryOfResidence ?? me.citizenship),
    [language, me.countryOfResidence, me.citizenship],
  );
  const zones = useMemo(() => timeZoneGroups(language, me.timeZone), [language, me.timeZone]);

  const mutation = useUpdateMe();

  // The header's language switch changes the account's language too: follow it, unless being edited here.
  useEffect(() => {
    if (!form.getFieldState('locale').isDirty) form.resetField('locale', { defaultValue: me.locale });
  }, [form, me.locale]);

  async function onSubmit(values: PersonalOutput) {
    setSaved(false);
    setFormError(null);
    try {
      const updated = await mutation.mutateAsync(values);
      session.updateUser(updated);
      form.reset(toValues(updated));
      // The preferred language is the language of the interface too.
      if (updated.locale !== currentLocale()) await changeLocale(updated.locale);
      setSaved(true);
    } catch (error) {
      if (!applyServerErrors(error, form.setError, fields)) setFormError(error);
    }
  }

  const countrySelect = (name: 'countryOfResidence' | 'citizenship') => (
    <Select label={t(`personal.${name}`)} error={fieldError(name)} {...form.register(name)}>
      <option value="">{t('notSpecified')}</option>
      {countries.map((country) => (
        <option key={country.code} value={country.code}>
          {country.name}
        </option>
      ))}
    </Select>
  );

  return (
    <ProfileSection id="personal" title={t('personal.title')}>
      <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="flex flex-col gap-5">
        <p className="text-slate-600 text-sm">{t('forms:requiredLegend')}</p>
        <div className="grid gap-5 sm:grid-cols-2">
          <Input
            label={t('personal.firstName')}
            autoComplete="given-name"
            required
            error={fieldError('firstName')}
            {...form.register('firstName')}
          />
          <Input
            label={t('personal.lastName')}
            autoComplete="family-name"
            required
            error={fieldError('lastName')}
            {...form.register('lastName')}
          />
        </div>

        <div className="flex flex-col gap-1.5">
          <p className="font-medium text-slate-900">{t('personal.email')}</p>
          <p className="flex flex-wrap items-center gap-2 text-slate-800">
            <span className="break-all">{me.email}</span>
            <Badge tone={me.emailVerified ? 'success' : 'warning'}>
              {t(me.emailVerified ? 'personal.emailVerified' : 'personal.emailNotVerified')}
            </Badge>
          </p>
          <p className="text-slate-600 text-sm">{t('personal.emailHint')}</p>
        </div>

        <Input
          label={t('personal.phone')}
          hint={t('personal.phoneHint')}
          type="tel"
          autoComplete="tel"
          error={fieldError('phone')}
          {...form.register('phone')}
        />
        <div className="grid gap-5 sm:grid-cols-2">
          {countrySelect('countryOfResidence')}
          {countrySelect('citizenship')}
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          <Select
            label={t('personal.locale')}
            hint={t('personal.localeHint')}
            error={fieldError('locale')}
            {...form.register('locale')}
          >
            {supportedLocales.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {i18n.getFixedT(locale)('language.name')}
              </option>
            ))}
          </Select>
          <Select
            label={t('personal.timeZone')}
            hint={t('personal.timeZoneHint')}
            error={fieldError('timeZone')}
            {...form.register('timeZone')}
          >
            <TimeZoneOptions groups={zones} />
          </Select>
        </div>

        {me.role === 'pro' && (
          <div className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200 ring-inset">
            <h3 className="font-semibold text-brand-950">{t('personal.practice')}</h3>
            <dl className="mt-2 grid gap-3 sm:grid-cols-2">
              <div>
                <dt className="text-slate-600 text-sm">{t('personal.licenceNumber')}</dt>
                <dd className="font-medium text-slate-900">{me.licenceNumber ?? t('notSpecified')}</dd>
              </div>
              <div>
                <dt className="text-slate-600 text-sm">{t('personal.organisation')}</dt>
                <dd className="font-medium text-slate-900">{me.organisation?.name ?? t('notSpecified')}</dd>
              </div>
            </dl>
          </div>
        )}

        <ServerErrorAlert error={formError} />
        <FormActions>
          <SubmitButton pending={mutation.isPending}>{t('personal.submit')}</SubmitButton>
          <SaveStatus message={saved && !form.formState.isDirty ? t('personal.saved') : null} />
        </FormActions>
      </form>
    </ProfileSection>
  );
}
