import {
  licenceClasses,
  type TAdminVerification,
  type TVerificationDecisionBody,
  ZVerificationDecisionBody,
} from '@capitune/contracts';
import { useState } from 'react';
import { type Path, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Checkbox } from '../../../components/ui/checkbox';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { applyServerErrors, translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { useDecideVerification } from '../api/decide-verification';

export type Decision = TVerificationDecisionBody['decision'];

/** What the form holds: every field of every decision (the register entry only counts for checks). */
interface DecisionValues {
  decision: Decision;
  reason: string;
  registerEntry: {
    nameOnRegister: string;
    statusOnRegister: string;
    licenceClass: string;
    entitledToPractise: boolean;
    restrictions: string;
    notes: string;
  };
  renewalDate: string;
  nextCheckDate: string;
}

const isCheck = (decision: Decision) => decision === 'approve' || decision === 'recheck';
const orNull = (value: string) => value.trim() || null;

// The contract's own schema decides; the form's values are shaped into its body first (empty optional
// fields become null, and only a check carries the register entry and the dates).
export const ZDecisionForm = z.preprocess((raw) => {
  const values = raw as DecisionValues;
  if (!isCheck(values.decision)) return { decision: values.decision, reason: values.reason };
  const entry = values.registerEntry;
  return {
    decision: values.decision,
    reason: values.reason,
    registerEntry: {
      nameOnRegister: entry.nameOnRegister,
      statusOnRegister: entry.statusOnRegister,
      licenceClass: orNull(entry.licenceClass),
      entitledToPractise: entry.entitledToPractise,
      restrictions: orNull(entry.restrictions),
      notes: orNull(entry.notes),
    },
    renewalDate: values.renewalDate,
    nextCheckDate: values.nextCheckDate,
  };
}, ZVerificationDecisionBody);

const serverFields = [
  'reason',
  'registerEntry.nameOnRegister',
  'registerEntry.statusOnRegister',
  'registerEntry.licenceClass',
  'registerEntry.restrictions',
  'registerEntry.notes',
  'renewalDate',
  'nextCheckDate',
] as Path<DecisionValues>[];

/** The decisions that apply to a file as it stands (the API checks again). */
export function decisionsFor(file: Pick<TAdminVerification, 'status' | 'appealed'>): Decision[] {
  switch (file.status) {
    case 'pending':
      return ['approve', 'request_info', 'reject'];
    case 'verified':
      return ['recheck', 'suspend', 'revoke'];
    case 'expired':
      return ['recheck', 'revoke'];
    case 'suspended':
      return file.appealed ? ['reinstate', 'dismiss_appeal', 'revoke'] : ['reinstate', 'revoke'];
    case 'rejected':
      return file.appealed ? ['approve', 'dismiss_appeal'] : [];
    case 'revoked':
      return [];
  }
}

/**
 * The team's decision on a file, always with a reason (emailed to the pro and kept in the audit log).
 * Approving and re-checking record the register entry as seen, the renewal date and the next check.
 */
export function VerificationDecisionForm({
  file,
  headingId,
  onDecided,
}: {
  file: TAdminVerification;
  headingId: string;
  /** Told after a decision is recorded (the form then starts afresh, for the file's new state). */
  onDecided: (decision: Decision) => void;
}) {
  const { t } = useTranslation(['admin', 'forms', 'common']);
  const decide = useDecideVerification(file.id);
  const [formError, setFormError] = useState<unknown>(null);
  const choices = decisionsFor(file);
  const entry = file.registerEntry;

  const form = useForm<DecisionValues, unknown, TVerificationDecisionBody>({
    resolver: formResolver<DecisionValues, TVerificationDecisionBody>(ZDecisionForm),
    defaultValues: {
      decision: choices[0] ?? 'reject',
      reason: '',
      registerEntry: {
        nameOnRegister: entry?.nameOnRegister ?? `${file.pro.firstName} ${file.pro.lastName}`,
        statusOnRegister: entry?.statusOnRegister ?? '',
        licenceClass: entry?.licenceClass ?? file.licenceClass ?? '',
        entitledToPractise: entry?.entitledToPractise ?? true,
        restrictions: entry?.restrictions ?? '',
        notes: entry?.notes ?? '',
      },
      renewalDate: file.renewalDate ?? '',
      nextCheckDate: file.nextCheckDate ?? '',
    },
  });
  const { errors } = form.formState;
  const error = (message: string | undefined) => translateMessage(t, message);
  const decision = form.watch('decision');

  if (choices.length === 0) {
    return (
      <p id={`${headingId}-none`} className="mt-3 text-slate-700">
        {t('verifications.decision.none')}
      </p>
    );
  }

  async function onSubmit(body: TVerificationDecisionBody) {
    setFormError(null);
    try {
      await decide.mutateAsync(body);
      onDecided(body.decision);
    } catch (caught) {
      if (!applyServerErrors(caught, form.setError, serverFields)) setFormError(caught);
    }
  }

  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="mt-4 flex flex-col gap-5">
      <Select label={t('verifications.decision.choice')} required {...form.register('decision')}>
        {choices.map((value) => (
          <option key={value} value={value}>
            {t(`verifications.decisions.${value}`)}
          </option>
        ))}
      </Select>

      {isCheck(decision) && (
        <fieldset className="flex flex-col gap-4 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200">
          <legend className="float-left mb-1 font-medium text-brand-950">
            {t('verifications.decision.registerEntry')}
          </legend>
          <p className="clear-both text-slate-700 text-sm">
            {file.registerCapture
              ? t('verifications.decision.captureReady')
              : t('verifications.decision.captureNeeded')}
          </p>
          <div className="grid gap-4 sm:grid-cols-2">
            <Input
              label={t('verifications.decision.nameOnRegister')}
              required
              error={error(errors.registerEntry?.nameOnRegister?.message)}
              {...form.register('registerEntry.nameOnRegister')}
            />
            <Input
              label={t('verifications.decision.statusOnRegister')}
              hint={t('verifications.decision.statusOnRegisterHint')}
              required
              error={error(errors.registerEntry?.statusOnRegister?.message)}
              {...form.register('registerEntry.statusOnRegister')}
            />
            {file.regulator === 'cicc' && (
              <Select
                label={t('verifications.decision.licenceClass')}
                error={error(errors.registerEntry?.licenceClass?.message)}
                {...form.register('registerEntry.licenceClass')}
              >
                <option value="">{t('verifications.decision.licenceClassNone')}</option>
                {licenceClasses.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </Select>
            )}
            <Input
              type="date"
              label={t('verifications.decision.renewalDate')}
              hint={t('verifications.decision.renewalDateHint')}
              required
              error={error(errors.renewalDate?.message)}
              {...form.register('renewalDate')}
            />
            <Input
              type="date"
              label={t('verifications.decision.nextCheckDate')}
              hint={t('verifications.decision.nextCheckDateHint')}
              required
              error={error(errors.nextCheckDate?.message)}
              {...form.register('nextCheckDate')}
            />
          </div>
          <Checkbox
            label={t('verifications.decision.entitledToPractise')}
            {...form.register('registerEntry.entitledToPractise')}
          />
          <Textarea
            label={t('verifications.decision.restrictions')}
            rows={2}
            error={error(errors.registerEntry?.restrictions?.message)}
            {...form.register('registerEntry.restrictions')}
          />
          <Textarea
            label={t('verifications.decision.notes')}
            rows={2}
            error={error(errors.registerEntry?.notes?.message)}
            {...form.register('registerEntry.notes')}
          />
        </fieldset>
      )}

      <Textarea
        label={t('verifications.decision.reason')}
        hint={t('verifications.decision.reasonHint')}
        rows={3}
        required
        error={error(errors.reason?.message)}
        {...form.register('reason')}
      />

      <ServerErrorAlert error={formError} />
      <SubmitButton pending={decide.isPending} className="self-start">
        {t('verifications.decision.submit')}
      </SubmitButton>
    </form>
  );
}
