import {
  licenceCheckParams,
  licenceClasses,
  professions,
  refineLicence,
  regulatorInfo,
  regulators,
  type TProfession,
  type TRegisterBody,
  type TRegulator,
  ZLicenceClass,
  ZRegisterBody,
} from '@capitune/contracts';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { ButtonLink } from '../../../components/ui/button';
import { Checkbox } from '../../../components/ui/checkbox';
import { Input } from '../../../components/ui/input';
import { PasswordInput } from '../../../components/ui/password-input';
import { Select } from '../../../components/ui/select';
import { SubmitButton } from '../../../components/ui/submit-button';
import { cn } from '../../../lib/cn';
import { applyServerErrors, encodeMessage, translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { currentLocale } from '../../../lib/i18n';
import { renderRichText } from '../../../lib/rich-text';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useRegister } from '../api/register';
import { AuthFooter, AuthLayout, textLinkClasses } from '../components/auth-layout';
import { DevMailboxHint } from '../components/dev-mailbox-hint';

const route = getRouteApi('/signup');

type Role = TRegisterBody['role'];

/** What the form holds: every field of both roles (the pro ones are ignored for a candidate). */
interface SignupValues {
  role: Role;
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  profession: TProfession;
  regulator: TRegulator;
  licenceNumber: string;
  /** '' when none (a select's empty option). */
  licenceClass: string;
  organisationName: string;
  consent: boolean;
}

// The contract's schemas, field for field; the language comes from the interface, not from the form, and
// the consent is the form's own. `z.object` (not strict) drops the pro fields of a candidate; the pro's
// licence is checked against the chosen regulator's format as the API checks it (`refineLicence`).
const [candidateBody, proBody] = ZRegisterBody.options;
const consent = z.literal(true, { error: () => encodeMessage('forms:validation.consent') });
const ZSignupForm = z.discriminatedUnion('role', [
  z.object(candidateBody.shape).omit({ locale: true, timeZone: true }).extend({ consent }),
  z
    .object(proBody.shape)
    .omit({ locale: true, timeZone: true })
    .extend({
      consent,
      licenceClass: z.union([ZLicenceClass, z.literal('')]).transform((value) => value || null),
    })
    .superRefine(refineLicence, licenceCheckParams),
]);
type SignupOutput = z.output<typeof ZSignupForm>;

const serverFields = [
  'firstName',
  'lastName',
  'email',
  'password',
  'profession',
  'regulator',
  'licenceNumber',
  'licenceClass',
  'organisationName',
] as const;

/** The regulators that license a profession (the CICC for RCICs, law societies for lawyers…). */
function regulatorsFor(profession: TProfession): TRegulator[] {
  return regulators.filter((regulator) => regulatorInfo[regulator].professions.includes(profession));
}

const roleCardClasses =
  'flex min-h-11 cursor-pointer items-start gap-3 rounded-xl bg-white p-4 ring-1 ring-slate-300 ring-inset ' +
  'hover:bg-brand-50 has-checked:bg-brand-50 has-checked:ring-2 has-checked:ring-brand-700';

export function SignupPage() {
  const { t, i18n } = useTranslation(['auth', 'forms', 'common']);
  const language = (i18n.resolvedLanguage ?? i18n.language) === 'en' ? 'en' : 'fr';
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<unknown>(null);
  usePageMeta(sentTo ? t('signup.sent.metaTitle') : t('signup.metaTitle'));

  const form = useForm<SignupValues, unknown, SignupOutput>({
    resolver: formResolver<SignupValues, SignupOutput>(ZSignupForm),
    defaultValues: {
      role: search.role ?? 'candidate',
      firstName: '',
      lastName: '',
      email: '',
      password: '',
      profession: 'rcic',
      regulator: 'cicc',
      licenceNumber: '',
      licenceClass: '',
      organisationName: '',
      consent: false,
    },
  });
  const { errors } = form.formState;
  const fieldError = (name: keyof SignupValues) => translateMessage(t, errors[name]?.message);
  const role = form.watch('role');
  const profession = form.watch('profession');
  const regulator = form.watch('regulator');

  const mutation = useRegister();

  async function onSubmit(values: SignupOutput) {
    setFormError(null);
    const { consent: _accepted, ...fields } = values;
    // The language on screen is the language of the account (emails included).
    // The browser's time zone, so reminders and message times are right from the first day.
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const body: TRegisterBody = { ...fields, locale: currentLocale(), ...(timeZone ? { timeZone } : {}) };
    try {
      await mutation.mutateAsync(body);
      setSentTo(body.email);
    } catch (error) {
      if (!applyServerErrors(error, form.setError, serverFields)) setFormError(error);
    }
  }

  if (sentTo) {
    return (
      <AuthLayout title={t('signup.sent.title')} focusTitle>
        <div className="space-y-4 text-slate-700">
          <p className="text-lg">{t('signup.sent.body', { email: sentTo })}</p>
          <p>{t('signup.sent.spam')}</p>
          <p>{t('signup.sent.next')}</p>
          <DevMailboxHint text={t('signup.sent.devHint')} />
        </div>
        <div className="mt-8 flex flex-wrap gap-3">
          <ButtonLink to="/login">{t('signup.sent.login')}</ButtonLink>
          <ButtonLink
            variant="secondary"
            to="/signup"
            search={{ role }}
            onClick={() => {
              form.reset({ ...form.getValues(), email: '', password: '' });
              setSentTo(null);
            }}
          >
            {t('signup.sent.again')}
          </ButtonLink>
        </div>
      </AuthLayout>
    );
  }

  const roleField = form.register('role', {
    onChange: (event: { target: { value: string } }) => {
      const next = event.target.value === 'pro' ? 'pro' : 'candidate';
      void navigate({ search: { role: next }, replace: true, resetScroll: false });
    },
  });

  const newTab = (children: string, to: '/terms' | '/privacy') => (
    <Link to={to} target="_blank" rel="noopener" className={textLinkClasses}>
      {children}
      <span className="sr-only"> {t('common:newTab')}</span>
    </Link>
  );

  return (
    <AuthLayout title={t('signup.title')} intro={<p>{t('signup.intro')}</p>} wide>
      <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="flex flex-col gap-5">
        <fieldset>
          <legend className="font-medium text-slate-900">{t('signup.roleLegend')}</legend>
          <div className="mt-2 grid gap-3 sm:grid-cols-2">
            {(['candidate', 'pro'] as const).map((value) => (
              <label key={value} className={roleCardClasses}>
                <input
                  type="radio"
                  value={value}
                  {...roleField}
                  className="mt-1 size-5 shrink-0 accent-brand-700"
                />
                <span>
                  <span className="block font-semibold text-slate-900">
                    {t(value === 'pro' ? 'signup.rolePro' : 'signup.roleCandidate')}
                  </span>
                  <span className="block text-slate-600 text-sm">
                    {t(value === 'pro' ? 'signup.roleProHint' : 'signup.roleCandidateHint')}
                  </span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <p className="text-slate-600 text-sm">{t('forms:requiredLegend')}</p>

        <div className="grid gap-5 sm:grid-cols-2">
          <Input
            label={t('signup.firstName')}
            autoComplete="given-name"
            required
            error={fieldError('firstName')}
            {...form.register('firstName')}
          />
          <Input
            label={t('signup.lastName')}
            autoComplete="family-name"
            required
            error={fieldError('lastName')}
            {...form.register('lastName')}
          />
        </div>

        {role === 'pro' && (
          <fieldset className="flex flex-col gap-5 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200 ring-inset">
            <legend className="float-left mb-1 font-semibold text-brand-950">{t('signup.proHeading')}</legend>
            <div className="clear-both grid gap-5 sm:grid-cols-2">
              <Select
                label={t('signup.profession')}
                required
                error={fieldError('profession')}
                {...form.register('profession', {
                  onChange: (event: { target: { value: TProfession } }) => {
                    // Keep a regulator that licenses the new profession.
                    const next = regulatorsFor(event.target.value);
                    if (!next.includes(form.getValues('regulator')) && next[0]) {
                      form.setValue('regulator', next[0]);
                      form.setValue('licenceClass', '');
                    }
                  },
                })}
              >
                {professions.map((value) => (
                  <option key={value} value={value}>
                    {t(`signup.professions.${value}`)}
                  </option>
                ))}
              </Select>
              <Select
                label={t('signup.regulator')}
                required
                error={fieldError('regulator')}
                {...form.register('regulator', {
                  onChange: (event: { target: { value: string } }) => {
                    if (event.target.value !== 'cicc') form.setValue('licenceClass', '');
                  },
                })}
              >
                {regulatorsFor(profession).map((value) => (
                  <option key={value} value={value}>
                    {regulatorInfo[value].name[language]}
                  </option>
                ))}
              </Select>
            </div>
            <div className="grid gap-5 sm:grid-cols-2">
              <Input
                label={t('signup.licenceNumber')}
                hint={t('signup.licenceNumberHint', {
                  example: regulatorInfo[regulator]?.licenceExample ?? '',
                })}
                autoComplete="off"
                required
                error={fieldError('licenceNumber')}
                {...form.register('licenceNumber')}
              />
              {regulator === 'cicc' && (
                <Select
                  label={t('signup.licenceClass')}
                  hint={t('signup.licenceClassHint')}
                  error={fieldError('licenceClass')}
                  {...form.register('licenceClass')}
                >
                  <option value="">{t('signup.licenceClassNone')}</option>
                  {licenceClasses.map((value) => (
                    <option key={value} value={value}>
                      {t(`signup.licenceClasses.${value}`)}
                    </option>
                  ))}
                </Select>
              )}
            </div>
            <Input
              label={t('signup.organisationName')}
              hint={t('signup.organisationNameHint')}
              autoComplete="organization"
              required
              error={fieldError('organisationName')}
              {...form.register('organisationName')}
            />
          </fieldset>
        )}

        <Input
          label={t('signup.email')}
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          error={fieldError('email')}
          {...form.register('email')}
        />
        <PasswordInput
          label={t('signup.password')}
          hint={t('forms:passwordRules')}
          autoComplete="new-password"
          required
          error={fieldError('password')}
          {...form.register('password')}
        />
        <Checkbox
          label={renderRichText(t('signup.consent'), {
            terms: (children) => newTab(children, '/terms'),
            privacy: (children) => newTab(children, '/privacy'),
          })}
          error={fieldError('consent')}
          {...form.register('consent')}
        />

        <ServerErrorAlert error={formError} />

        <SubmitButton pending={mutation.isPending} size="lg" className={cn('w-full sm:w-auto sm:self-start')}>
          {t('signup.submit')}
        </SubmitButton>
      </form>
      <AuthFooter>
        {t('signup.haveAccount')}
        <Link to="/login" className={textLinkClasses}>
          {t('signup.login')}
        </Link>
      </AuthFooter>
    </AuthLayout>
  );
}
