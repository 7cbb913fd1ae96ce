import { type TMyProProfile, type TMyProProfileBody, ZMyProProfileBody } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { type ChangeEvent, useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Checkbox } from '../../../components/ui/checkbox';
import { Input } from '../../../components/ui/input';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { useSession } from '../../../lib/auth';
import { useLocalized, usePrograms } from '../../../lib/dossiers/programs';
import { applyServerErrors, translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useMyProProfile } from '../api/get-my-pro-profile';
import { useUpdateMyProProfile } from '../api/update-my-pro-profile';
import { useUploadProPhoto } from '../api/upload-pro-photo';
import { CheckboxGroup } from '../components/checkbox-group';
import { ProAvatar } from '../components/pro-avatar';
import { capitalize, languageName, useLanguage } from '../lib/labels';
import { languageCodes, provinceCodes } from './search';

/** `/profile/public`: the pro writes what the directory and their profile page show. */
export function PublicProfilePage() {
  const { t } = useTranslation('pros');
  usePageMeta(t('public.metaTitle'));
  const { user } = useSession();
  const isPro = user?.role === 'pro';
  const profile = useMyProProfile(isPro);

  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="font-bold text-3xl text-brand-950 tracking-tight">{t('public.title')}</h1>
      {!user || !isPro ? (
        <p className="mt-4 text-lg text-slate-700">{t('public.prosOnly')}</p>
      ) : profile.isPending ? (
        <Spinner label={t('public.loading')} className="mt-8" />
      ) : profile.isError ? (
        <ServerErrorAlert error={profile.error} className="mt-6" />
      ) : (
        <>
          <p className="mt-3 text-lg text-slate-700">{t('public.intro')}</p>
          <p className="mt-2">
            <Link
              to="/pros/$slug"
              params={{ slug: profile.data.slug }}
              className="font-medium text-brand-800 underline underline-offset-4"
            >
              {t('public.view', { path: `/pros/${profile.data.slug}` })}
            </Link>
          </p>
          {!profile.data.complete && (
            <p className="mt-4 rounded-xl bg-amber-50 p-4 text-amber-950 ring-1 ring-amber-300">
              {t('public.incomplete')}
            </p>
          )}
          <PhotoSection profile={profile.data} firstName={user.firstName} lastName={user.lastName} />
          <ProfileForm key={profile.data.slug} profile={profile.data} />
        </>
      )}
    </div>
  );
}

function PhotoSection({
  profile,
  firstName,
  lastName,
}: {
  profile: TMyProProfile;
  firstName: string;
  lastName: string;
}) {
  const { t } = useTranslation('pros');
  const upload = useUploadProPhoto();
  const inputId = useId();
  const hintId = useId();

  function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) upload.mutate(file);
    event.target.value = '';
  }

  return (
    <section
      aria-labelledby={`${inputId}-title`}
      className="mt-8 flex flex-col gap-4 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:flex-row sm:items-center sm:p-6"
    >
      <ProAvatar firstName={firstName} lastName={lastName} photoUrl={profile.photoUrl} size="lg" />
      <div className="flex flex-col gap-2">
        <h2 id={`${inputId}-title`} className="font-semibold text-lg text-slate-900">
          {t('public.photo')}
        </h2>
        <p id={hintId} className="text-slate-600 text-sm">
          {t('public.photoHint')}
        </p>
        <label
          htmlFor={inputId}
          className="inline-flex min-h-11 w-fit cursor-pointer items-center rounded-xl bg-white px-4 font-semibold text-brand-900 ring-1 ring-brand-700 ring-inset focus-within:outline-2 focus-within:outline-brand-700 hover:bg-brand-50"
        >
          {upload.isPending ? t('public.photoUploading') : t('public.photoChoose')}
          <input
            id={inputId}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            aria-describedby={hintId}
            className="sr-only"
            disabled={upload.isPending}
            onChange={choose}
          />
        </label>
        <SaveStatus message={upload.isSuccess ? t('public.photoSaved') : null} />
        <ServerErrorAlert error={upload.error} />
      </div>
    </section>
  );
}

type ProfileFormValues = Omit<TMyProProfileBody, 'city'> & { city: string };

function ProfileForm({ profile }: { profile: TMyProProfile }) {
  const { t } = useTranslation(['pros', 'forms']);
  const language = useLanguage();
  const programs = usePrograms();
  const localized = useLocalized();
  const save = useUpdateMyProProfile();
  const [saved, setSaved] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm<ProfileFormValues, unknown, TMyProProfileBody>({
    resolver: formResolver(
      ZMyProProfileBody.extend({
        city: ZMyProProfileBody.shape.city.unwrap().transform((value) => value || null),
      }),
    ),
    defaultValues: {
      bio: profile.bio,
      languages: profile.languages,
      provinces: profile.provinces,
      city: profile.city ?? '',
      remote: profile.remote,
      inPerson: profile.inPerson,
      acceptingClients: profile.acceptingClients,
      listed: profile.listed,
      programs: profile.programs,
    },
  });
  const { errors } = form.formState;

  async function submit(values: TMyProProfileBody) {
    setSaved(false);
    setFormError(null);
    try {
      await save.mutateAsync(values);
      setSaved(true);
    } catch (error) {
      if (!applyServerErrors(error, form.setError, ['bio.fr', 'bio.en', 'city'])) setFormError(error);
    }
  }

  const sortedLanguages = [...languageCodes].sort((a, b) =>
    languageName(a, language).localeCompare(languageName(b, language), language),
  );

  return (
    <form noValidate onSubmit={form.handleSubmit(submit)} className="mt-8 flex flex-col gap-6">
      <Textarea
        label={t('public.bioFr')}
        hint={t('public.bioHint')}
        lang="fr"
        rows={6}
        maxLength={4000}
        error={translateMessage(t, errors.bio?.fr?.message)}
        {...form.register('bio.fr')}
      />
      <Textarea
        label={t('public.bioEn')}
        hint={t('public.bioHint')}
        lang="en"
        rows={6}
        maxLength={4000}
        error={translateMessage(t, errors.bio?.en?.message)}
        {...form.register('bio.en')}
      />
      <CheckboxGroup
        legend={t('public.languages')}
        hint={t('public.languagesHint')}
        error={errors.languages ? t('public.languagesRequired') : undefined}
        options={sortedLanguages.map((code) => ({
          value: code,
          label: capitalize(languageName(code, language), language),
        }))}
        registration={form.register('languages')}
        columns="grid-cols-2 sm:grid-cols-3"
      />
      <CheckboxGroup
        legend={t('public.provinces')}
        hint={t('public.provincesHint')}
        error={errors.provinces ? translateMessage(t, errors.provinces.message) : undefined}
        options={provinceCodes.map((code) => ({ value: code, label: t(`province.${code}`) }))}
        registration={form.register('provinces')}
      />
      <Input
        label={t('public.city')}
        hint={t('public.cityHint')}
        maxLength={100}
        autoComplete="address-level2"
        error={translateMessage(t, errors.city?.message)}
        {...form.register('city')}
      />
      <fieldset className="flex flex-col gap-3">
        <legend className="font-medium text-slate-900">{t('public.howYouWork')}</legend>
        <Checkbox label={t('public.remote')} {...form.register('remote')} />
        <Checkbox label={t('public.inPerson')} {...form.register('inPerson')} />
        <Checkbox label={t('public.accepting')} {...form.register('acceptingClients')} />
      </fieldset>
      <fieldset className="flex flex-col gap-3">
        <legend className="font-medium text-slate-900">{t('public.visibility')}</legend>
        <Checkbox label={t('public.listed')} aria-describedby="listed-hint" {...form.register('listed')} />
        <p id="listed-hint" className="text-sm text-slate-600">
          {t('public.listedHint')}
        </p>
      </fieldset>
      {programs.data && (
        <CheckboxGroup
          legend={t('public.programs')}
          hint={t('public.programsHint')}
          error={errors.programs ? translateMessage(t, errors.programs.message) : undefined}
          options={programs.data.map((program) => ({ value: program.id, label: localized(program.name) }))}
          registration={form.register('programs')}
          columns="grid-cols-1 sm:grid-cols-2"
        />
      )}
      <ServerErrorAlert error={formError} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={form.formState.isSubmitting}>{t('public.save')}</SubmitButton>
        <SaveStatus message={saved ? t('public.saved') : null} />
      </div>
    </form>
  );
}
