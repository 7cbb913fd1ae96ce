import { ZDevEmail } from '@capitune/contracts';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';

const ZMailbox = z.object({ items: z.array(ZDevEmail) });

export const mailboxKey = ['dev-mailbox'] as const;

export const getMailbox = async () => (await apiFetch('/api/dev/mailbox', { schema: ZMailbox })).items;
