import type { TDashboard } from '@capitune/contracts';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent } from '../../../components/ui/dialog';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { useSession } from '../../../lib/auth';
import { useProgramName } from '../../../lib/dossiers/programs';
import { formatDateTime } from '../../../lib/format';
import { useDecideAssignment } from '../api/decide-assignment';
import { useDecideInvitation } from '../api/decide-invitation';

type IncomingRequest = TDashboard['incomingRequests'][number];
type Invitation = TDashboard['invitations'][number];

const REASON_MAX = 1000;

/** A candidate's request to a pro: who, which program, their message; accept, or decline with a reason. */
export function IncomingRequestItem({
  request,
  onAccepted,
}: {
  request: IncomingRequest;
  onAccepted: (request: IncomingRequest) => void;
}) {
  const { t, i18n } = useTranslation('dashboard');
  const { user } = useSession();
  const programName = useProgramName();
  const [declineOpen, setDeclineOpen] = useState(false);
  const name = `${request.candidate.firstName} ${request.candidate.lastName}`;
  const headingId = useId();
  const language = i18n.resolvedLanguage ?? i18n.language;

  const accept = useDecideAssignment(request.dossierId, { onDecided: () => onAccepted(request) });

  return (
    <li aria-labelledby={headingId} className="rounded-xl p-4 ring-1 ring-slate-200 ring-inset">
      <h3 id={headingId} className="font-semibold text-slate-900">
        {t('requests.from', { name, program: programName(request.programId) })}
      </h3>
      <p className="text-slate-600 text-sm">
        {t('requests.sentOn', { date: formatDateTime(request.createdAt, language, user?.timeZone) })}
      </p>
      {request.message && (
        <blockquote className="mt-3 whitespace-pre-wrap break-words text-slate-800">
          {request.message}
        </blockquote>
      )}
      <div className="mt-4 flex flex-wrap gap-2">
        <Button
          onClick={() => accept.mutate({ decision: 'accept' })}
          disabled={accept.isPending}
          aria-describedby={headingId}
        >
          {t('requests.accept')}
        </Button>
        <Button variant="secondary" onClick={() => setDeclineOpen(true)} aria-describedby={headingId}>
          {t('requests.decline')}
        </Button>
      </div>
      <ServerErrorAlert error={accept.error} className="mt-3" />
      <DeclineRequestDialog open={declineOpen} onOpenChange={setDeclineOpen} request={request} name={name} />
    </li>
  );
}

function DeclineRequestDialog({
  open,
  onOpenChange,
  request,
  name,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  request: IncomingRequest;
  name: string;
}) {
  const { t } = useTranslation(['dashboard', 'forms']);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const decline = useDecideAssignment(request.dossierId, { onDecided: () => onOpenChange(false) });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim().length > REASON_MAX) {
      setError(t('forms:validation.tooLong', { count: REASON_MAX }));
      return;
    }
    decline.mutate({ decision: 'decline', reason: reason.trim() || null });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title={t('requests.declineTitle')}
        description={t('requests.declineDescription', { name })}
      >
        <form noValidate onSubmit={submit} className="flex flex-col gap-4">
          <Textarea
            label={t('requests.reason')}
            hint={t('requests.reasonHint')}
            value={reason}
            maxLength={REASON_MAX}
            error={error}
            onChange={(event) => {
              setReason(event.target.value);
              setError(undefined);
            }}
          />
          <ServerErrorAlert error={decline.error} />
          <div className="flex flex-wrap justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">{t('requests.cancel')}</Button>
            </DialogClose>
            <SubmitButton variant="danger" pending={decline.isPending}>
              {t('requests.confirmDecline')}
            </SubmitButton>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** A pro's invitation to the candidate: accepting opens the dossier with that pro in charge. */
export function InvitationItem({ invitation }: { invitation: Invitation }) {
  const { t } = useTranslation('dashboard');
  const navigate = useNavigate();
  const programName = useProgramName();
  const headingId = useId();
  const pro = `${invitation.pro.firstName} ${invitation.pro.lastName}`;
  const decide = useDecideInvitation(invitation.id, {
    onDecided: async (dossierId) => {
      if (dossierId) await navigate({ to: '/dossiers/$dossierId', params: { dossierId } });
    },
  });

  return (
    <li aria-labelledby={headingId} className="rounded-xl p-4 ring-1 ring-slate-200 ring-inset">
      <h3 id={headingId} className="font-semibold text-slate-900">
        {t('invitations.from', { pro, program: programName(invitation.programId) })}
      </h3>
      {invitation.pro.organisation && (
        <p className="text-slate-600 text-sm">
          {invitation.pro.organisation.name}
          {invitation.pro.licenceNumber &&
            ` · ${t('invitations.licence', { number: invitation.pro.licenceNumber })}`}
        </p>
      )}
      {invitation.message && (
        <blockquote className="mt-3 whitespace-pre-wrap break-words text-slate-800">
          {invitation.message}
        </blockquote>
      )}
      <div className="mt-4 flex flex-wrap gap-2">
        <Button
          onClick={() => decide.mutate('accept')}
          disabled={decide.isPending}
          aria-describedby={headingId}
        >
          {t('invitations.accept')}
        </Button>
        <Button
          variant="secondary"
          onClick={() => decide.mutate('decline')}
          disabled={decide.isPending}
          aria-describedby={headingId}
        >
          {t('invitations.decline')}
        </Button>
      </div>
      <ServerErrorAlert error={decide.error} className="mt-3" />
    </li>
  );
}

/** After accepting: where the dossier now is. */
export function AcceptedNotice({ request }: { request: IncomingRequest | null }) {
  const { t } = useTranslation('dashboard');
  return (
    <p role="status" className="font-medium text-emerald-800">
      {request && (
        <>
          {t('requests.accepted', { name: `${request.candidate.firstName} ${request.candidate.lastName}` })}{' '}
          <Link
            to="/dossiers/$dossierId"
            params={{ dossierId: request.dossierId }}
            className="text-brand-800 underline"
          >
            {t('requests.openDossier')}
          </Link>
        </>
      )}
    </p>
  );
}
