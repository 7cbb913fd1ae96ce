import { type TFactorStart, type TStepUpBody, ZFactorStart, ZStepUpResult } from '@capitune/contracts';
import { apiFetch } from '../api-client';

/** `POST /api/auth/step-up/start`: sends the email or SMS code, or gives the passkey's options. */
export const startStepUp = (method: 'passkey' | 'email' | 'sms'): Promise<TFactorStart> =>
  apiFetch('/api/auth/step-up/start', {
    method: 'POST',
    body: { method },
    schema: ZFactorStart,
    stepUp: false,
  });

/** `POST /api/auth/step-up`: the proof; sensitive actions are open for 10 minutes after it. */
export const stepUp = (body: TStepUpBody): Promise<{ validUntil: string }> =>
  apiFetch('/api/auth/step-up', { method: 'POST', body, schema: ZStepUpResult, stepUp: false });
