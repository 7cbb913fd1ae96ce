import type { TIncident, TIncidentBody } from '@capitune/contracts';
import { ZIncidentKind, ZIncidentRisk } from '@capitune/contracts';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { Textarea } from '../../../components/ui/textarea';
import { type AnyT, fieldErrorsOf, translateMessage } from '../../../lib/form-errors';
import { fromLocalInput, toLocalInput } from './privacy-format';

type Values = {
  title: string;
  kind: TIncidentBody['kind'];
  description: string;
  occurredAt: string;
  discoveredAt: string;
  affectedDescription: string;
  affectedCount: string;
  dataConcerned: string;
  risk: TIncidentBody['risk'];
  riskAssessment: string;
  measures: string;
};

type Field = keyof Values;
type Errors = Partial<Record<Field, string>>;

/** The API's own checks of the dates (none ahead of now, none before the discovery) have their words. */
const dateCodes: Record<string, string> = {
  in_the_future: 'admin-privacy:validation.inTheFuture',
  after_discovery: 'admin-privacy:validation.afterDiscovery',
};

/** The field errors of a refused request, translated, by field (`body.occurredAt` → `occurredAt`). */
export function serverFieldErrors<F extends string>(
  t: AnyT,
  error: unknown,
  fields: readonly F[],
): Partial<Record<F, string>> {
  const found: Partial<Record<F, string>> = {};
  const codes = new Map(
    (error && typeof error === 'object' && 'fieldErrors' in error
      ? (error.fieldErrors as { path: string; code: string }[])
      : []
    ).map((item) => [item.path.replace(/^body\./, ''), item.code]),
  );
  for (const { name, message } of fieldErrorsOf(error, fields)) {
    const key = dateCodes[codes.get(name) ?? ''];
    const translate = t as unknown as (key: string) => string;
    found[name as F] = key ? translate(key) : translateMessage(t, message);
  }
  return found;
}

function initialValues(incident: TIncident | undefined): Values {
  return {
    title: incident?.title ?? '',
    kind: incident?.kind ?? 'unauthorised_access',
    description: incident?.description ?? '',
    occurredAt: toLocalInput(incident?.occurredAt),
    discoveredAt: toLocalInput(incident?.discoveredAt ?? new Date().toISOString()),
    affectedDescription: incident?.affectedDescription ?? '',
    affectedCount: incident?.affectedCount === null || !incident ? '' : String(incident.affectedCount),
    dataConcerned: incident?.dataConcerned ?? '',
    risk: incident?.risk ?? 'not_assessed',
    riskAssessment: incident?.riskAssessment ?? '',
    measures: incident?.measures ?? '',
  };
}

/**
 * The facts of a confidentiality incident (ZIncidentBody): recorded when it becomes known, corrected as
 * the assessment goes on. Checks what the API checks, so most mistakes are shown beside their field.
 */
export function IncidentForm({
  incident,
  pending,
  error,
  onSubmit,
  actions,
}: {
  incident?: TIncident;
  pending: boolean;
  error: unknown;
  onSubmit: (body: TIncidentBody) => void;
  /** The submit button, and a cancel one if any. */
  actions: ReactNode;
}) {
  const { t } = useTranslation(['admin-privacy', 'forms']);
  const [values, setValues] = useState<Values>(() => initialValues(incident));
  const [errors, setErrors] = useState<Errors>({});
  const form = useRef<HTMLFormElement>(null);
  // A refusal about a field is shown under it, and the field focused; any other in the form's alert.
  const server = serverFieldErrors(t, error, Object.keys(values) as Field[]);
  const serverFields = Object.keys(server) as Field[];
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per refusal, not on every render.
  useEffect(() => {
    if (serverFields.length === 0) return;
    setErrors(server);
    form.current?.querySelector<HTMLElement>(`[name="${serverFields[0]}"]`)?.focus();
  }, [error]);
  const set = (name: Field) => (event: { target: { value: string } }) => {
    setValues((previous) => ({ ...previous, [name]: event.target.value }));
    setErrors((previous) => ({ ...previous, [name]: undefined }));
  };

  function validate(): Errors {
    const found: Errors = {};
    const text = (name: Field, min: number, max: number, required = true) => {
      const value = values[name].trim();
      if (!value) {
        if (required) found[name] = t('forms:validation.required');
      } else if (value.length < min) {
        found[name] = t('forms:validation.tooShort', { count: min });
      } else if (value.length > max) {
        found[name] = t('forms:validation.tooLong', { count: max });
      }
    };
    text('title', 3, 200);
    text('description', 10, 10_000);
    text('affectedDescription', 3, 2000);
    text('dataConcerned', 3, 2000);
    text('riskAssessment', 0, 10_000, false);
    text('measures', 0, 10_000, false);
    if (!fromLocalInput(values.discoveredAt)) found.discoveredAt = t('admin-privacy:validation.dateInvalid');
    if (values.occurredAt && !fromLocalInput(values.occurredAt)) {
      found.occurredAt = t('admin-privacy:validation.dateInvalid');
    }
    const count = values.affectedCount.trim();
    if (count && !/^\d{1,9}$/.test(count)) found.affectedCount = t('admin-privacy:validation.countInvalid');
    return found;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    const first = (Object.keys(found) as Field[])[0];
    if (first) {
      // The first field in error gets the focus: its message is read with it.
      event.currentTarget.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const optional = (value: string) => value.trim() || null;
    onSubmit({
      title: values.title.trim(),
      kind: values.kind,
      description: values.description.trim(),
      occurredAt: fromLocalInput(values.occurredAt) ?? null,
      discoveredAt: fromLocalInput(values.discoveredAt) as string,
      affectedDescription: values.affectedDescription.trim(),
      affectedCount: values.affectedCount.trim() ? Number(values.affectedCount.trim()) : null,
      dataConcerned: values.dataConcerned.trim(),
      risk: values.risk,
      riskAssessment: optional(values.riskAssessment),
      measures: optional(values.measures),
    });
  }

  return (
    <form
      ref={form}
      noValidate
      onSubmit={submit}
      className="grid gap-4 sm:grid-cols-2"
      aria-busy={pending || undefined}
    >
      <Input
        label={t('fields.title')}
        hint={t('fields.titleHint')}
        name="title"
        required
        maxLength={200}
        value={values.title}
        error={errors.title}
        onChange={set('title')}
        className="sm:col-span-2"
      />
      <Select label={t('fields.kind')} name="kind" value={values.kind} onChange={set('kind')}>
        {ZIncidentKind.options.map((kind) => (
          <option key={kind} value={kind}>
            {t(`kind.${kind}`)}
          </option>
        ))}
      </Select>
      <Select
        label={t('fields.risk')}
        hint={t('fields.riskHint')}
        name="risk"
        value={values.risk}
        onChange={set('risk')}
      >
        {ZIncidentRisk.options.map((risk) => (
          <option key={risk} value={risk}>
            {t(`riskOption.${risk}`)}
          </option>
        ))}
      </Select>
      <Textarea
        label={t('fields.description')}
        hint={t('fields.descriptionHint')}
        name="description"
        required
        rows={4}
        value={values.description}
        error={errors.description}
        onChange={set('description')}
        className="sm:col-span-2"
      />
      <Input
        label={t('fields.occurredAt')}
        hint={t('fields.occurredAtHint')}
        name="occurredAt"
        type="datetime-local"
        value={values.occurredAt}
        error={errors.occurredAt}
        onChange={set('occurredAt')}
      />
      <Input
        label={t('fields.discoveredAt')}
        name="discoveredAt"
        type="datetime-local"
        required
        value={values.discoveredAt}
        error={errors.discoveredAt}
        onChange={set('discoveredAt')}
      />
      <Textarea
        label={t('fields.affectedDescription')}
        hint={t('fields.affectedDescriptionHint')}
        name="affectedDescription"
        required
        rows={2}
        value={values.affectedDescription}
        error={errors.affectedDescription}
        onChange={set('affectedDescription')}
      />
      <Input
        label={t('fields.affectedCount')}
        hint={t('fields.affectedCountHint')}
        name="affectedCount"
        inputMode="numeric"
        autoComplete="off"
        value={values.affectedCount}
        error={errors.affectedCount}
        onChange={set('affectedCount')}
      />
      <Textarea
        label={t('fields.dataConcerned')}
        hint={t('fields.dataConcernedHint')}
        name="dataConcerned"
        required
        rows={2}
        value={values.dataConcerned}
        error={errors.dataConcerned}
        onChange={set('dataConcerned')}
        className="sm:col-span-2"
      />
      <Textarea
        label={t('fields.riskAssessment')}
        name="riskAssessment"
        rows={3}
        value={values.riskAssessment}
        error={errors.riskAssessment}
        onChange={set('riskAssessment')}
      />
      <Textarea
        label={t('fields.measures')}
        name="measures"
        rows={3}
        value={values.measures}
        error={errors.measures}
        onChange={set('measures')}
      />
      <ServerErrorAlert error={serverFields.length > 0 ? null : error} className="sm:col-span-2" />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">{actions}</div>
    </form>
  );
}
