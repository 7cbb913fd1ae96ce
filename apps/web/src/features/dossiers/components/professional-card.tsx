import type { TDossier, TProCard } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { SearchIcon } from '../../../components/ui/app-icons';
import { Badge } from '../../../components/ui/badge';
import { Button, ButtonLink } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Dialog, DialogClose, DialogContent } from '../../../components/ui/dialog';
import { ShieldCheckIcon } from '../../../components/ui/icons';
import { FieldError, Input } from '../../../components/ui/input';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { useSession } from '../../../lib/auth';
import { cn } from '../../../lib/cn';
import { dossierSections } from '../../../lib/dossiers/anchors';
import { formatDateTime } from '../../../lib/format';
import { useEndAssignment } from '../api/end-assignment';
import { usePreselectedPro } from '../api/get-pro';
import { useProSearch } from '../api/list-pros';
import { useReviewable } from '../api/list-reviewable';
import { useRequestAssignment } from '../api/request-assignment';

/**
 * Who follows the dossier (candidate view): the pro in charge, or the request waiting for their answer
 * (with a way to cancel it), or a way to choose one.
 */
export function ProfessionalCard({
  dossier,
  preselectedSlug,
  onPreselectionDone,
}: {
  dossier: TDossier;
  /** A pro chosen in the directory: the chooser opens with them selected. */
  preselectedSlug?: string | undefined;
  onPreselectionDone?: () => void;
}) {
  const { t, i18n } = useTranslation('dossiers');
  const { user } = useSession();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const headingId = useId();
  const [choosing, setChoosing] = useState(Boolean(preselectedSlug) && !dossier.agent);
  const [ending, setEnding] = useState(false);
  const end = useEndAssignment(dossier.id);
  const request = dossier.pendingRequest;
  const agent = dossier.agent;

  return (
    <section
      id={dossierSections.professional}
      aria-labelledby={headingId}
      className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
        {t('pro.title')}
      </h2>
      {agent ? (
        <div className="mt-3">
          <p className="font-semibold text-slate-900">
            {agent.firstName} {agent.lastName}
          </p>
          {agent.organisation && <p className="text-slate-700">{agent.organisation.name}</p>}
          {agent.licenceNumber && (
            <p className="text-slate-600 text-sm">{t('pro.licence', { number: agent.licenceNumber })}</p>
          )}
          {agent.supervisor && (
            <p className="text-slate-700 text-sm">
              {t('supervisedBy', {
                ns: 'firm',
                name: `${agent.supervisor.firstName} ${agent.supervisor.lastName}`,
              })}
            </p>
          )}
          <Button variant="ghost" className="mt-3 " onClick={() => setEnding(true)}>
            {t('pro.end')}
          </Button>
          <ConfirmDialog
            open={ending}
            onOpenChange={setEnding}
            title={t('pro.endTitle')}
            description={t('pro.endDescription', { name: `${agent.firstName} ${agent.lastName}` })}
            confirmLabel={t('pro.endConfirm')}
            cancelLabel={t('actions.cancel')}
            onConfirm={() => end.mutateAsync()}
          />
        </div>
      ) : request ? (
        <div className="mt-3">
          <p className="text-slate-800">
            {t('pro.pending', {
              name: `${request.pro.firstName} ${request.pro.lastName}`,
              date: formatDateTime(request.createdAt, language, user?.timeZone),
            })}
          </p>
          {request.pro.organisation && (
            <p className="text-slate-600 text-sm">{request.pro.organisation.name}</p>
          )}
          <CancelRequest dossierId={dossier.id} />
        </div>
      ) : (
        <div className="mt-3">
          <p className="text-slate-700">{t('pro.none')}</p>
          <Button className="mt-3" onClick={() => setChoosing(true)}>
            <SearchIcon className="size-5" />
            {t('pro.choose')}
          </Button>
        </div>
      )}
      {!agent && (
        <ChooseProDialog
          dossierId={dossier.id}
          open={choosing}
          onOpenChange={(open) => {
            setChoosing(open);
            if (!open) onPreselectionDone?.();
          }}
          preselectedSlug={preselectedSlug}
        />
      )}
      <ReviewInvite dossierId={dossier.id} />
    </section>
  );
}

function CancelRequest({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation('dossiers');
  const cancel = useEndAssignment(dossierId);
  return (
    <>
      <Button
        variant="secondary"
        className="mt-3"
        onClick={() => cancel.mutate()}
        disabled={cancel.isPending}
      >
        {t('pro.cancelRequest')}
      </Button>
      <ServerErrorAlert error={cancel.error} className="mt-3" />
    </>
  );
}

/** A searchable list of verified professionals; choose one and send the request with a message. */
function ChooseProDialog({
  dossierId,
  open,
  onOpenChange,
  preselectedSlug,
}: {
  dossierId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  preselectedSlug?: string | undefined;
}) {
  const { t } = useTranslation('dossiers');
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [proId, setProId] = useState('');
  const [message, setMessage] = useState('');
  const [choiceError, setChoiceError] = useState<string | undefined>();
  const errorId = useId();
  const resultsId = useId();

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(query.trim()), 250);
    return () => clearTimeout(timer);
  }, [query]);

  const pros = useProSearch(debounced, open);
  const preselected = usePreselectedPro(preselectedSlug, open);
  // The pro chosen in the directory is selected once their card has loaded.
  const preselectedId = preselected.data?.id;
  useEffect(() => {
    if (preselectedId) setProId((current) => current || preselectedId);
  }, [preselectedId]);

  const send = useRequestAssignment(dossierId, {
    onSuccess: () => {
      onOpenChange(false);
      setProId('');
      setMessage('');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!proId) {
      setChoiceError(t('pro.chooseRequired'));
      return;
    }
    send.mutate({ proId, message: message.trim() || null });
  }

  const found = pros.data?.items ?? [];
  const first = preselected.data?.verified ? preselected.data : undefined;
  const items: TProCard[] = first ? [first, ...found.filter((pro) => pro.id !== first.id)] : found;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={t('pro.chooseTitle')} description={t('pro.chooseDescription')}>
        <form noValidate onSubmit={submit} className="flex flex-col gap-4">
          <Input
            type="search"
            label={t('pro.search')}
            hint={t('pro.searchHint')}
            value={query}
            autoComplete="off"
            aria-controls={resultsId}
            onChange={(event) => setQuery(event.target.value)}
          />
          <fieldset
            id={resultsId}
            aria-describedby={choiceError ? errorId : undefined}
            aria-busy={pros.isFetching || undefined}
            className="flex flex-col gap-2"
          >
            <legend className="mb-1 font-medium text-slate-900">{t('pro.results')}</legend>
            {pros.isPending && <Spinner label={t('pro.loading')} />}
            <ServerErrorAlert error={pros.error} />
            {pros.data && items.length === 0 && <p className="text-slate-700">{t('pro.noResults')}</p>}
            <p role="status" className="sr-only">
              {pros.data ? t('pro.resultCount', { count: items.length }) : ''}
            </p>
            {items.map((pro) => {
              const checked = proId === pro.id;
              return (
                <label
                  key={pro.id}
                  className={cn(
                    'flex cursor-pointer gap-3 rounded-xl p-4 ring-1 ring-inset',
                    checked ? 'bg-brand-50 ring-2 ring-brand-700' : 'ring-slate-300 hover:bg-brand-50',
                  )}
                >
                  <input
                    type="radio"
                    name="proId"
                    value={pro.id}
                    checked={checked}
                    onChange={() => {
                      setProId(pro.id);
                      setChoiceError(undefined);
                    }}
                    className="mt-1 size-5 shrink-0 accent-brand-700"
                  />
                  <ProChoice pro={pro} />
                </label>
              );
            })}
            <FieldError id={errorId} message={choiceError} />
          </fieldset>
          <Textarea
            label={t('pro.message')}
            hint={t('pro.messageHint')}
            rows={3}
            maxLength={1000}
            value={message}
            onChange={(event) => setMessage(event.target.value)}
          />
          <ServerErrorAlert error={send.error} />
          <div className="flex flex-wrap justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">{t('actions.cancel')}</Button>
            </DialogClose>
            <SubmitButton pending={send.isPending}>{t('pro.send')}</SubmitButton>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** What a candidate weighs in the chooser: the badge, the rating, the languages, and the full profile. */
function ProChoice({ pro }: { pro: TProCard }) {
  const { t, i18n } = useTranslation('dossiers');
  const language = (i18n.resolvedLanguage ?? i18n.language) === 'en' ? 'en' : 'fr';
  const languages = new Intl.ListFormat(language, { type: 'conjunction' }).format(
    pro.languages.map((code) => new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code),
  );
  const score = pro.rating.score;
  return (
    <span className="flex min-w-0 flex-col gap-0.5">
      <span className="flex flex-wrap items-center gap-2">
        <span className="font-semibold text-slate-900">
          {pro.firstName} {pro.lastName}
        </span>
        {pro.verified && (
          <Badge tone="success">
            <ShieldCheckIcon className="size-4" aria-hidden="true" />
            {t('pro.verified')}
          </Badge>
        )}
      </span>
      {pro.organisation && <span className="text-slate-700 text-sm">{pro.organisation.name}</span>}
      {pro.licenceNumber && (
        <span className="text-slate-600 text-sm">{t('pro.licence', { number: pro.licenceNumber })}</span>
      )}
      <span className="text-slate-700 text-sm">
        {score === null || pro.rating.count === 0
          ? t('pro.noReviews')
          : t('pro.rating', {
              score: new Intl.NumberFormat(language, {
                maximumFractionDigits: 1,
                minimumFractionDigits: 1,
              }).format(score),
              count: pro.rating.count,
            })}
      </span>
      {pro.languages.length > 0 && (
        <span className="text-slate-700 text-sm">{t('pro.languages', { languages })}</span>
      )}
      <Link
        to="/pros/$slug"
        params={{ slug: pro.slug }}
        target="_blank"
        className="w-fit text-brand-800 text-sm underline underline-offset-4"
      >
        {t('pro.profile')}
        <span className="sr-only"> {t('pro.newTab')}</span>
      </Link>
    </span>
  );
}

/** "Leave a review": once the pro has followed this dossier long enough (or it was closed with them). */
function ReviewInvite({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation('dossiers');
  const reviewable = useReviewable();
  const entry = reviewable.data?.find((item) => item.dossierId === dossierId);
  if (!entry) return null;
  const name = `${entry.pro.firstName} ${entry.pro.lastName}`;
  return (
    <div className="mt-4 border-slate-200 border-t pt-4">
      <p className="text-slate-700">
        {entry.reviewId ? t('pro.reviewDone', { name }) : t('pro.reviewInvite', { name })}
      </p>
      <ButtonLink
        to="/pros/$slug/review"
        params={{ slug: entry.pro.slug }}
        search={{ dossier: dossierId }}
        variant="secondary"
        className="mt-2"
      >
        {entry.reviewId ? t('pro.reviewEdit') : t('pro.reviewWrite')}
      </ButtonLink>
    </div>
  );
}
