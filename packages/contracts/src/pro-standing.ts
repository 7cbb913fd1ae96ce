import { z } from 'zod';

/**
 * What candidates see of a pro: `verified` (badge, listed, can take clients), `grace` (renewal date passed
 * less than 30 days ago: unlisted, no badge, keeps current clients with a banner), `not_verified`.
 * Its own file: dossiers.ts needs it for a pro's summary, and pros.ts imports dossiers.ts.
 */
export const proStandings = ['verified', 'grace', 'not_verified'] as const;
export const ZProStanding = z.enum(proStandings);
export type TProStanding = z.infer<typeof ZProStanding>;
