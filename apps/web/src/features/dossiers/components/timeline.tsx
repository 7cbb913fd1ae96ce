import { milestoneKinds, type TDossier, type TMilestone, type TMilestoneKind } from '@capitune/contracts';
import { useRouterState } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMilestoneLabel } from '../../../components/dossiers/milestone-label';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { PlusIcon } from '../../../components/ui/app-icons';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Checkbox } from '../../../components/ui/checkbox';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Dialog, DialogClose, DialogContent } from '../../../components/ui/dialog';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { cn } from '../../../lib/cn';
import { dossierSections, milestoneId } from '../../../lib/dossiers/anchors';
import { formatDay } from '../../../lib/dossiers/dates';
import { applyServerErrors, translateMessage } from '../../../lib/form-errors';
import { type MilestoneInput, useAddMilestone } from '../api/add-milestone';
import { useRemoveMilestone } from '../api/remove-milestone';
import { useUpdateMilestone } from '../api/update-milestone';

/** Dated first (in order), then the undated ones. */
function byDate(a: TMilestone, b: TMilestone): number {
  if (a.date && b.date) return a.date.localeCompare(b.date);
  if (a.date) return -1;
  if (b.date) return 1;
  return 0;
}

/** The dossier's timeline: the steps with IRCC or the MIFI, done or to come; anyone in the dossier edits it. */
export function Timeline({ dossier }: { dossier: TDossier }) {
  const { t } = useTranslation('dossiers');
  const headingId = useId();
  const [editing, setEditing] = useState<TMilestone | 'new' | null>(null);
  const milestones = [...dossier.milestones].sort(byDate);

  return (
    <section
      id={dossierSections.timeline}
      tabIndex={-1}
      aria-labelledby={headingId}
      className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
          {t('milestones.title')}
        </h2>
        <Button variant="secondary" onClick={() => setEditing('new')}>
          <PlusIcon className="size-5" />
          {t('milestones.add')}
        </Button>
      </div>
      {milestones.length === 0 ? (
        <p className="mt-4 text-slate-700">{t('milestones.empty')}</p>
      ) : (
        <ol className="mt-4 flex flex-col">
          {milestones.map((milestone) => (
            <MilestoneItem
              key={milestone.id}
              dossierId={dossier.id}
              milestone={milestone}
              onEdit={() => setEditing(milestone)}
            />
          ))}
        </ol>
      )}
      <MilestoneDialog
        key={editing === 'new' ? 'new' : (editing?.id ?? 'closed')}
        dossierId={dossier.id}
        milestone={editing === 'new' ? null : editing}
        open={editing !== null}
        onOpenChange={(open) => {
          if (!open) setEditing(null);
        }}
      />
    </section>
  );
}

function MilestoneItem({
  dossierId,
  milestone,
  onEdit,
}: {
  dossierId: string;
  milestone: TMilestone;
  onEdit: () => void;
}) {
  const { t, i18n } = useTranslation('dossiers');
  const label = useMilestoneLabel();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const [removing, setRemoving] = useState(false);
  const toggle = useUpdateMilestone(dossierId);
  const remove = useRemoveMilestone(dossierId);
  const name = label(milestone);
  const targeted = useRouterState({ select: (state) => state.location.hash }) === milestoneId(milestone.id);

  return (
    <li
      id={milestoneId(milestone.id)}
      tabIndex={-1}
      className={cn('flex gap-3 rounded-lg p-2', targeted && 'bg-brand-50 ring-2 ring-brand-700')}
    >
      <span
        aria-hidden="true"
        className={`mt-1.5 size-2 shrink-0 rounded-full ring-2 ${milestone.done ? 'bg-brand-600 ring-brand-700' : 'bg-white ring-brand-700'}`}
      />
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-semibold text-slate-900">{name}</span>
          <Badge tone={milestone.done ? 'success' : 'neutral'}>
            {milestone.done ? t('milestones.done') : t('milestones.toCome')}
          </Badge>
        </p>
        <p className="text-slate-600 text-sm">
          {milestone.date ? formatDay(milestone.date, language, 'long') : t('milestones.noDate')}
        </p>
        {milestone.kind !== 'other' && milestone.label && <p className="text-slate-800">{milestone.label}</p>}
        {milestone.note && (
          <p className="mt-1 whitespace-pre-wrap break-words text-slate-700 text-sm">{milestone.note}</p>
        )}
        <div className="mt-2 flex flex-wrap gap-1">
          <Button
            variant="ghost"
            onClick={() => toggle.mutate({ milestoneId: milestone.id, body: { done: !milestone.done } })}
            disabled={toggle.isPending}
          >
            {milestone.done ? t('milestones.markNotDone') : t('milestones.markDone')}
            <span className="sr-only"> {name}</span>
          </Button>
          <Button variant="ghost" onClick={onEdit}>
            {t('milestones.edit')}
            <span className="sr-only"> {name}</span>
          </Button>
          <Button variant="ghost" onClick={() => setRemoving(true)}>
            {t('milestones.remove')}
            <span className="sr-only"> {name}</span>
          </Button>
        </div>
        <ServerErrorAlert error={toggle.error} className="mt-2" />
        <ConfirmDialog
          open={removing}
          onOpenChange={setRemoving}
          title={t('milestones.removeTitle')}
          description={t('milestones.removeDescription', { name })}
          confirmLabel={t('milestones.removeConfirm')}
          cancelLabel={t('actions.cancel')}
          onConfirm={() => remove.mutateAsync(milestone.id)}
        />
      </div>
    </li>
  );
}

function MilestoneDialog({
  dossierId,
  milestone,
  open,
  onOpenChange,
}: {
  dossierId: string;
  milestone: TMilestone | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useTranslation(['dossiers', 'forms']);
  const [kind, setKind] = useState<TMilestoneKind>(milestone?.kind ?? 'application_submitted');
  const [label, setLabel] = useState(milestone?.label ?? '');
  const [date, setDate] = useState(milestone?.date ?? '');
  const [done, setDone] = useState(milestone?.done ?? false);
  const [note, setNote] = useState(milestone?.note ?? '');
  const [errors, setErrors] = useState<{ label?: string; date?: string; note?: string }>({});

  const close = { onSuccess: () => onOpenChange(false) };
  const add = useAddMilestone(dossierId, close);
  const update = useUpdateMilestone(dossierId, close);
  const save = milestone ? update : add;
  const showErrors = {
    onError: (error: Error) => {
      applyServerErrors(
        error,
        (name, value) => setErrors((previous) => ({ ...previous, [name]: value.message })),
        ['label', 'date', 'note'],
      );
    },
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (kind === 'other' && !label.trim()) {
      setErrors({ label: t('milestones.labelRequired') });
      return;
    }
    const body: MilestoneInput = {
      kind,
      label: label.trim() || null,
      date: date || null,
      done,
      note: note.trim() || null,
    };
    if (milestone) update.mutate({ milestoneId: milestone.id, body }, showErrors);
    else add.mutate(body, showErrors);
  }

  const fieldErrors = Object.values(errors).some(Boolean);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={milestone ? t('milestones.editTitle') : t('milestones.addTitle')}>
        <form noValidate onSubmit={submit} className="flex flex-col gap-4">
          <Select
            label={t('milestones.kind')}
            value={kind}
            onChange={(event) => setKind(event.target.value as TMilestoneKind)}
          >
            {milestoneKinds.map((value) => (
              <option key={value} value={value}>
                {t(`milestones.kinds.${value}`)}
              </option>
            ))}
          </Select>
          <Input
            label={kind === 'other' ? t('milestones.label') : t('milestones.detail')}
            required={kind === 'other'}
            value={label}
            maxLength={200}
            error={translateMessage(t, errors.label)}
            onChange={(event) => {
              setLabel(event.target.value);
              setErrors((previous) => ({ ...previous, label: undefined }));
            }}
          />
          <Input
            type="date"
            label={t('milestones.date')}
            value={date}
            error={translateMessage(t, errors.date)}
            onChange={(event) => setDate(event.target.value)}
          />
          <Checkbox
            label={t('milestones.doneLabel')}
            checked={done}
            onChange={(event) => setDone(event.target.checked)}
          />
          <Textarea
            label={t('milestones.note')}
            value={note}
            maxLength={2000}
            rows={3}
            error={translateMessage(t, errors.note)}
            onChange={(event) => setNote(event.target.value)}
          />
          {save.error && !fieldErrors ? <ServerErrorAlert error={save.error} /> : null}
          <div className="flex flex-wrap justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">{t('actions.cancel')}</Button>
            </DialogClose>
            <SubmitButton pending={save.isPending}>{t('milestones.save')}</SubmitButton>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
