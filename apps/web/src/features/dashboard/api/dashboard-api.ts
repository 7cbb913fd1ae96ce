import { ZDashboard } from '@capitune/contracts';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';

export const getDashboard = () => apiFetch('/api/dashboard', { schema: ZDashboard });

const dossierPath = (dossierId: string) => `/api/dossiers/${encodeURIComponent(dossierId)}`;

/** The requested pro's answer to a candidate's request. */
export const decideAssignment = (
  dossierId: string,
  body: { decision: 'accept' } | { decision: 'decline'; reason: string | null },
) => apiFetch(`${dossierPath(dossierId)}/assignment/decision`, { method: 'POST', body });

/** The candidate's answer to a pro's invitation; accepting opens the dossier. */
export const decideInvitation = (invitationId: string, decision: 'accept' | 'decline') =>
  apiFetch(`/api/dossiers/invitations/${encodeURIComponent(invitationId)}/decision`, {
    method: 'POST',
    body: { decision },
    schema: z.object({ dossierId: z.string().nullable() }),
  });

export const inviteClient = (body: { email: string; programId: string; message: string | null }) =>
  apiFetch('/api/dossiers/invitations', { method: 'POST', body });
