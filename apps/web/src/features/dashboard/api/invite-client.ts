import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';

/** `POST /api/dossiers/invitations`: a pro invites a client to open a dossier with them. */
export const inviteClient = (body: { email: string; programId: string; message: string | null }) =>
  apiFetch('/api/dossiers/invitations', { method: 'POST', body });

export const useInviteClient = () => useMutation({ mutationFn: inviteClient });
