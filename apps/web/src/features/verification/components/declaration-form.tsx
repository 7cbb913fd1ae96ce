import {
  licenceClasses,
  professions,
  refineLicence,
  regulatorInfo,
  regulators,
  type TMyVerification,
  type TProfession,
  type TRegulator,
  ZLicenceClass,
  ZProfession,
  ZRegulator,
} from '@capitune/contracts';
import { useState } from 'react';
import { type Path, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { SubmitButton } from '../../../components/ui/submit-button';
import { applyServerErrors, encodeMessage, translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { type MyVerificationInput, useSaveMyVerification } from '../api/save-my-verification';

interface ReferenceValues {
  name: string;
  email: string;
  relationship: string;
  locale: 'fr' | 'en';
}

interface DeclarationValues {
  profession: TProfession;
  regulator: TRegulator;
  licenceNumber: string;
  /** '' when none (a select's empty option). */
  licenceClass: string;
  references: [ReferenceValues, ReferenceValues];
}

const required = encodeMessage('forms:validation.required');

/** A reference left entirely blank is simply not given yet; a started one must be complete. */
const ZReferenceForm = z
  .object({
    name: z.string().trim().max(200),
    email: z.string().trim().max(254),
    relationship: z.string().trim().max(200),
    locale: z.enum(['fr', 'en']),
  })
  .superRefine((reference, context) => {
    if (!reference.name && !reference.email && !reference.relationship) return;
    if (!reference.name) context.addIssue({ code: 'custom', path: ['name'], message: required });
    if (!reference.relationship)
      context.addIssue({ code: 'custom', path: ['relationship'], message: required });
    if (!z.email().safeParse(reference.email).success) {
      context.addIssue({
        code: 'custom',
        path: ['email'],
        message: reference.email ? encodeMessage('forms:validation.email') : required,
      });
    }
  });

export const ZDeclarationForm = z
  .object({
    profession: ZProfession,
    regulator: ZRegulator,
    licenceNumber: z.string().trim().min(1).max(40),
    licenceClass: z.union([ZLicenceClass, z.literal('')]).transform((value) => value || null),
    references: z.array(ZReferenceForm).max(2),
  })
  .superRefine(refineLicence)
  .transform(
    (values): MyVerificationInput => ({
      ...values,
      references: values.references.filter((reference) => reference.name || reference.email),
    }),
  );

const serverFields = [
  'profession',
  'regulator',
  'licenceNumber',
  'licenceClass',
  ...[0, 1].flatMap((index) =>
    (['name', 'email', 'relationship', 'locale'] as const).map(
      (key) => `references.${index}.${key}` as const,
    ),
  ),
] as Path<DeclarationValues>[];

/** The regulators that license a profession, the CICC first (most pros are RCICs). */
export function regulatorsFor(profession: TProfession): TRegulator[] {
  return regulators.filter((regulator) => regulatorInfo[regulator].professions.includes(profession));
}

function initialValues(file: TMyVerification, locale: 'fr' | 'en'): DeclarationValues {
  const reference = (index: number): ReferenceValues => {
    const saved = file.references[index];
    return {
      name: saved?.name ?? '',
      email: saved?.email ?? '',
      relationship: saved?.relationship ?? '',
      // The API keeps no language per reference in the file it shows: the pro's own by default.
      locale,
    };
  };
  return {
    profession: file.profession,
    regulator: file.regulator,
    licenceNumber: file.licenceNumber ?? '',
    licenceClass: file.licenceClass ?? '',
    references: [reference(0), reference(1)],
  };
}

/**
 * The pro's declaration: who regulates them, their licence (checked against the regulator's format as
 * they type it in), and two professional references, who are emailed when the file is submitted.
 */
export function DeclarationForm({
  file,
  editable,
  headingId,
}: {
  file: TMyVerification;
  editable: boolean;
  headingId: string;
}) {
  const { t, i18n } = useTranslation(['verification', 'forms', 'common']);
  const language = (i18n.resolvedLanguage ?? i18n.language) === 'en' ? 'en' : 'fr';
  const save = useSaveMyVerification();
  const [formError, setFormError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const form = useForm<DeclarationValues, unknown, MyVerificationInput>({
    resolver: formResolver<DeclarationValues, MyVerificationInput>(ZDeclarationForm),
    defaultValues: initialValues(file, language),
  });
  const { errors } = form.formState;
  const error = (message: string | undefined) => translateMessage(t, message);
  const profession = form.watch('profession');
  const regulator = form.watch('regulator');
  const choices = regulatorsFor(profession);

  async function onSubmit(values: MyVerificationInput) {
    setFormError(null);
    setSaved(false);
    try {
      await save.mutateAsync(values);
      setSaved(true);
    } catch (caught) {
      if (!applyServerErrors(caught, form.setError, serverFields)) setFormError(caught);
    }
  }

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
        {t('declaration.heading')}
      </h2>
      <p className="mt-1 text-slate-700">{t('declaration.intro')}</p>
      <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="mt-5 flex flex-col gap-5">
        <fieldset disabled={!editable} className="flex flex-col gap-5">
          <legend className="sr-only">{t('declaration.heading')}</legend>
          <div className="grid gap-5 sm:grid-cols-2">
            <Select
              label={t('declaration.profession')}
              required
              error={error(errors.profession?.message)}
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
                  {t(`professions.${value}`)}
                </option>
              ))}
            </Select>
            <Select
              label={t('declaration.regulator')}
              required
              error={error(errors.regulator?.message)}
              {...form.register('regulator', {
                onChange: (event: { target: { value: string } }) => {
                  if (event.target.value !== 'cicc') form.setValue('licenceClass', '');
                },
              })}
            >
              {choices.map((value) => (
                <option key={value} value={value}>
                  {regulatorInfo[value].name[language]}
                </option>
              ))}
            </Select>
          </div>
          <div className="grid gap-5 sm:grid-cols-2">
            <Input
              label={t('declaration.licenceNumber')}
              hint={t('declaration.licenceHint', { example: regulatorInfo[regulator]?.licenceExample ?? '' })}
              autoComplete="off"
              required
              error={error(errors.licenceNumber?.message)}
              {...form.register('licenceNumber')}
            />
            {regulator === 'cicc' && (
              <Select
                label={t('declaration.licenceClass')}
                hint={t('declaration.licenceClassHint')}
                error={error(errors.licenceClass?.message)}
                {...form.register('licenceClass')}
              >
                <option value="">{t('declaration.licenceClassNone')}</option>
                {licenceClasses.map((value) => (
                  <option key={value} value={value}>
                    {t(`licenceClasses.${value}`)}
                  </option>
                ))}
              </Select>
            )}
          </div>
          <p className="text-slate-600 text-sm">
            <a
              href={regulatorInfo[regulator]?.registerUrl}
              target="_blank"
              rel="noopener noreferrer"
              className="font-medium text-brand-800 underline"
            >
              {t('declaration.registerLink', { regulator: regulatorInfo[regulator]?.name[language] ?? '' })}
              <span className="sr-only"> {t('common:newTab')}</span>
            </a>
          </p>

          <fieldset className="flex flex-col gap-4">
            <legend className="float-left font-semibold text-slate-900">{t('declaration.references')}</legend>
            <p className="clear-both text-slate-700 text-sm">{t('declaration.referencesIntro')}</p>
            {([0, 1] as const).map((index) => {
              const referenceErrors = errors.references?.[index];
              const answered = file.references[index];
              return (
                <fieldset
                  key={index}
                  className="flex flex-col gap-4 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200"
                >
                  <legend className="float-left mb-1 font-medium text-brand-950">
                    {t('declaration.referenceN', { number: index + 1 })}
                  </legend>
                  {answered && answered.status !== 'waiting' && (
                    <p className="clear-both text-slate-700 text-sm">
                      {t(`references.status.${answered.status}`)}
                    </p>
                  )}
                  <div className="clear-both grid gap-4 sm:grid-cols-2">
                    <Input
                      label={t('declaration.referenceName')}
                      autoComplete="off"
                      error={error(referenceErrors?.name?.message)}
                      {...form.register(`references.${index}.name`)}
                    />
                    <Input
                      label={t('declaration.referenceEmail')}
                      type="email"
                      inputMode="email"
                      autoComplete="off"
                      error={error(referenceErrors?.email?.message)}
                      {...form.register(`references.${index}.email`)}
                    />
                    <Input
                      label={t('declaration.referenceRelationship')}
                      hint={t('declaration.referenceRelationshipHint')}
                      autoComplete="off"
                      error={error(referenceErrors?.relationship?.message)}
                      {...form.register(`references.${index}.relationship`)}
                    />
                    <Select
                      label={t('declaration.referenceLocale')}
                      error={error(referenceErrors?.locale?.message)}
                      {...form.register(`references.${index}.locale`)}
                    >
                      <option value="fr">{t('declaration.locales.fr')}</option>
                      <option value="en">{t('declaration.locales.en')}</option>
                    </Select>
                  </div>
                </fieldset>
              );
            })}
          </fieldset>
        </fieldset>

        <ServerErrorAlert error={formError} />
        {editable && (
          <div className="flex flex-wrap items-center gap-4">
            <SubmitButton pending={save.isPending} variant="primary">
              {t('declaration.save')}
            </SubmitButton>
            <SaveStatus message={saved ? t('declaration.saved') : null} />
          </div>
        )}
      </form>
    </section>
  );
}
