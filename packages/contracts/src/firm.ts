import { z } from 'zod';
import { ZEmail, ZPassword } from './auth';
import { ZLocale } from './locale';
import { ZDateTime, ZLine, ZString } from './primitives';
import { ZProStanding } from './pro-standing';

/**
 * Firms and their agents: an agent is a pro account with no licence of its own, who works on the firm's
 * dossiers under a named licensee of the firm (their supervisor), while that licensee's standing allows it.
 */

const ZName = ZLine.trim().min(1).max(100);
const ZToken = ZLine.min(20).max(200);

export const ZFirmPerson = z.object({ id: z.uuid(), firstName: ZString, lastName: ZString });
export type TFirmPerson = z.infer<typeof ZFirmPerson>;

export const ZFirm = z.object({
  id: z.uuid(),
  name: ZString,
  /** What the viewer is in the firm. */
  viewerRole: z.enum(['licensee', 'agent']),
  /** Every member must sign in with a second factor (set by a licensee). */
  requireTwoFactor: z.boolean(),
  /** Members reach the firm's client dossiers only from its network ranges (set by a licensee). */
  ipAllowlistEnabled: z.boolean(),
  /** Pros of the firm with a verification file of their own. */
  licensees: z.array(ZFirmPerson.extend({ standing: ZProStanding })),
  agents: z.array(ZFirmPerson.extend({ supervisor: ZFirmPerson, since: ZDateTime })),
  /** Invitations not yet accepted and not expired; shown to licensees only (empty for an agent). */
  invitations: z.array(
    z.object({
      id: z.uuid(),
      email: ZString,
      firstName: ZString,
      lastName: ZString,
      supervisor: ZFirmPerson,
      expiresAt: ZDateTime,
      createdAt: ZDateTime,
    }),
  ),
});
export type TFirm = z.infer<typeof ZFirm>;

export const ZFirmInvitationBody = z.strictObject({
  email: ZEmail,
  firstName: ZName,
  lastName: ZName,
  locale: ZLocale,
  /** A verified licensee of the firm; the inviter by default. */
  supervisorId: z.uuid().optional(),
});
export type TFirmInvitationBody = z.infer<typeof ZFirmInvitationBody>;

export const ZFirmInvitationTokenBody = z.strictObject({ token: ZToken });

/** What the emailed link shows before the invitee sets a password (public, by the token alone). */
export const ZFirmInvitationLookup = z.object({
  firmName: ZString,
  supervisor: z.object({ firstName: ZString, lastName: ZString }),
  email: ZString,
  firstName: ZString,
  lastName: ZString,
  locale: ZLocale,
});
export type TFirmInvitationLookup = z.infer<typeof ZFirmInvitationLookup>;

export const ZFirmInvitationAcceptBody = z.strictObject({
  token: ZToken,
  password: ZPassword,
  firstName: ZName,
  lastName: ZName,
  locale: ZLocale,
});
export type TFirmInvitationAcceptBody = z.infer<typeof ZFirmInvitationAcceptBody>;

/** The same answer whether an account was created or the email already had one (as sign-up answers). */
export const ZFirmInvitationAccepted = z.object({ status: z.literal('accepted'), email: ZString });

export const ZFirmAgentParams = z.object({ userId: z.uuid() });
export const ZFirmAgentBody = z.strictObject({ supervisorId: z.uuid() });
