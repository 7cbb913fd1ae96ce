import { ZIpBypass } from '@capitune/contracts';
import { z } from 'zod';
import { apiFetch } from '../../lib/api-client';

const ZFirmId = z.object({ id: z.uuid() });

/**
 * Opens emergency access to the firm's client dossiers from outside its networks: the member's firm
 * (`GET /api/me/firm`), then `POST /api/firms/{id}/ip-allowlist/bypass` with the reason. The API asks
 * for a fresh second factor first (STEP_UP_REQUIRED), which the API client has the person give before
 * sending the request again.
 */
export async function openIpBypass(reason: string) {
  const firm = await apiFetch('/api/me/firm', { schema: ZFirmId });
  return apiFetch(`/api/firms/${encodeURIComponent(firm.id)}/ip-allowlist/bypass`, {
    method: 'POST',
    body: { reason },
    schema: ZIpBypass,
  });
}
