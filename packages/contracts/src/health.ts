import { z } from 'zod';
import { ZString } from './primitives';

export const ZHealth = z.object({
  status: z.literal('ok'),
  version: ZString,
  uptimeSeconds: z.number(),
});
export type THealth = z.infer<typeof ZHealth>;

export const ZReadiness = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.object({
    database: z.enum(['up', 'down']),
  }),
});
export type TReadiness = z.infer<typeof ZReadiness>;
