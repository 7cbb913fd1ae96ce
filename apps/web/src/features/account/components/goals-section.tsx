import { immigrationPrograms, provinces, type TGoals, ZGoals } from '@capitune/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { applyServerErrors, translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { useGoals } from '../api/get-goals';
import { usePutGoals } from '../api/put-goals';
import { FormActions, ProfileSection } from './profile-section';

interface GoalsValues {
  targetProgram: string;
  targetProvince: string;
  targetDate: string;
  notes: string;
}

const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);
const goal = ZGoals.shape;
const ZGoalsForm = z.object({
  targetProgram: z.preprocess(blankToNull, goal.targetProgram),
  targetProvince: z.preprocess(blankToNull, goal.targetProvince),
  targetDate: z.preprocess(blankToNull, goal.targetDate),
  notes: z.preprocess(blankToNull, goal.notes),
});
type GoalsOutput = z.output<typeof ZGoalsForm>;
const fields = ['targetProgram', 'targetProvince', 'targetDate', 'notes'] as const;

const toValues = (goals: TGoals): GoalsValues => ({
  targetProgram: goals.targetProgram ?? '',
  targetProvince: goals.targetProvince ?? '',
  targetDate: goals.targetDate ?? '',
  notes: goals.notes ?? '',
});

export function GoalsSection() {
  const { t } = useTranslation(['account', 'forms']);
  const goals = useGoals();
  return (
    <ProfileSection id="goals" title={t('goals.title')} intro={t('goals.intro')}>
      {goals.data ? (
        <GoalsForm goals={goals.data} />
      ) : goals.isError ? (
        <ServerErrorAlert error={goals.error} />
      ) : (
        <Spinner label={t('loading')} />
      )}
    </ProfileSection>
  );
}

function GoalsForm({ goals }: { goals: TGoals }) {
  const { t } = useTranslation(['account', 'forms']);
  const [saved, setSaved] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm<GoalsValues, unknown, GoalsOutput>({
    resolver: formResolver<GoalsValues, GoalsOutput>(ZGoalsForm),
    defaultValues: toValues(goals),
  });
  const { errors } = form.formState;
  const fieldError = (name: keyof GoalsValues) => translateMessage(t, errors[name]?.message);
  const mutation = usePutGoals();

  async function onSubmit(values: GoalsOutput) {
    setSaved(false);
    setFormError(null);
    try {
      const updated = await mutation.mutateAsync(values);
      form.reset(toValues(updated));
      setSaved(true);
    } catch (error) {
      if (!applyServerErrors(error, form.setError, fields)) setFormError(error);
    }
  }

  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="flex flex-col gap-5">
      <Select
        label={t('goals.targetProgram')}
        error={fieldError('targetProgram')}
        {...form.register('targetProgram')}
      >
        <option value="">{t('notSpecified')}</option>
        {immigrationPrograms.map((program) => (
          <option key={program} value={program}>
            {t(`goals.programs.${program}`)}
          </option>
        ))}
      </Select>
      <div className="grid gap-5 sm:grid-cols-2">
        <Select
          label={t('goals.targetProvince')}
          error={fieldError('targetProvince')}
          {...form.register('targetProvince')}
        >
          <option value="">{t('notSpecified')}</option>
          {provinces.map((province) => (
            <option key={province} value={province}>
              {t(`goals.provinces.${province}`)}
            </option>
          ))}
        </Select>
        <Input
          label={t('goals.targetDate')}
          type="date"
          error={fieldError('targetDate')}
          {...form.register('targetDate')}
        />
      </div>
      <Textarea
        label={t('goals.notes')}
        hint={t('goals.notesHint')}
        maxLength={2000}
        error={fieldError('notes')}
        {...form.register('notes')}
      />
      <ServerErrorAlert error={formError} />
      <FormActions>
        <SubmitButton pending={mutation.isPending}>{t('goals.submit')}</SubmitButton>
        <SaveStatus message={saved && !form.formState.isDirty ? t('goals.saved') : null} />
      </FormActions>
    </form>
  );
}
