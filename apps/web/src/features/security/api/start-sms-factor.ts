import { ZString } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';

const ZSmsSent = z.object({ sentTo: ZString });

/** `POST /api/me/sms-factor/setup`: sends a code to the number, to confirm it is the person's. */
export const startSmsFactor = (phone: string) =>
  apiFetch('/api/me/sms-factor/setup', { method: 'POST', body: { phone }, schema: ZSmsSent });

export const useStartSmsFactor = () => useMutation({ mutationFn: startSmsFactor });
