import type { TDossierStatus } from '@capitune/contracts';
import { type DossierDeepLink, validateDeepLink } from '../../../lib/dossiers/deep-link';

// Imported by the router (in the main bundle): types only from the contracts, no zod.

const statuses = [
  'draft',
  'preparing',
  'submitted',
  'processing',
  'approved',
  'refused',
  'closed',
] as const satisfies readonly TDossierStatus[];

export interface DossiersSearch {
  /** Open the "open a dossier" dialog at once (from the dashboard's empty state). */
  open?: boolean;
  status?: TDossierStatus;
  programId?: string;
}

/** The query of `/dossiers`: unknown values are dropped rather than failing the page. */
export function validateDossiersSearch(search: Record<string, unknown>): DossiersSearch {
  const status = statuses.find((value) => value === search.status);
  return {
    ...(search.open === true || search.open === 'true' ? { open: true } : {}),
    ...(status ? { status } : {}),
    ...(typeof search.programId === 'string' && search.programId
      ? { programId: search.programId.slice(0, 80) }
      : {}),
  };
}

export interface DossierSearch extends DossierDeepLink {
  /** A pro chosen in the directory (their slug): the request dialog opens with them selected. */
  pro?: string;
}

/** The query of `/dossiers/$dossierId` (with a notification's deep link: `item`, `message`, `milestone`). */
export function validateDossierSearch(search: Record<string, unknown>): DossierSearch {
  return {
    ...(typeof search.pro === 'string' && /^[a-z0-9-]{1,120}$/.test(search.pro) ? { pro: search.pro } : {}),
    ...validateDeepLink(search),
  };
}
