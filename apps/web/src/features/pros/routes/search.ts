import type { directorySorts, proLanguages, TLicenceClass, TProvince, TRegulator } from '@capitune/contracts';

// Imported by the router (in the main bundle): types only from the contracts, no zod. A unit test keeps
// these lists equal to the contracts' own.

export type DirectorySort = (typeof directorySorts)[number];
export type ProLanguage = (typeof proLanguages)[number];

export const sorts = ['relevance', 'rating', 'newest'] as const satisfies readonly DirectorySort[];
export const languageCodes = [
  'fr',
  'en',
  'es',
  'ar',
  'zh',
  'hi',
  'pa',
  'tl',
  'pt',
  'fa',
  'ur',
  'ru',
  'uk',
  'vi',
  'ko',
  'it',
  'de',
  'ht',
  'sw',
  'tr',
] as const satisfies readonly ProLanguage[];
export const provinceCodes = [
  'AB',
  'BC',
  'MB',
  'NB',
  'NL',
  'NS',
  'NT',
  'NU',
  'ON',
  'PE',
  'QC',
  'SK',
  'YT',
] as const satisfies readonly TProvince[];
export const regulatorCodes = [
  'cicc',
  'barreau_qc',
  'cnq',
  'lso',
  'lsbc',
  'lsa',
  'lss',
  'lsm',
  'lsnb',
  'nsbs',
  'lspei',
  'lsnl',
  'lsy',
  'lsnwt',
  'lsnu',
] as const satisfies readonly TRegulator[];
export const licenceClassCodes = ['L1', 'L2', 'L3', 'RISIA'] as const satisfies readonly TLicenceClass[];
export const minRatings = [3, 3.5, 4, 4.5] as const;

/** The directory's filters and sort, kept in the address so that a search can be shared and reloaded. */
export interface DirectorySearch {
  q?: string;
  language?: ProLanguage;
  province?: TProvince;
  program?: string;
  regulator?: TRegulator;
  licenceClass?: TLicenceClass;
  minRating?: number;
  accepting?: true;
  mode?: 'remote' | 'in_person';
  city?: string;
  sort?: Exclude<DirectorySort, 'relevance'>;
}

const text = (value: unknown, max: number): string | undefined => {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const trimmed = String(value).trim().slice(0, max);
  return trimmed || undefined;
};

const oneOf = <T extends string>(list: readonly T[], value: unknown): T | undefined =>
  list.find((item) => item === value);

/** The query of `/pros`: unknown values are dropped rather than failing the page. */
export function validateDirectorySearch(search: Record<string, unknown>): DirectorySearch {
  const q = text(search.q, 100);
  const language = oneOf(languageCodes, search.language);
  const province = oneOf(provinceCodes, search.province);
  const program = text(search.program, 60);
  const regulator = oneOf(regulatorCodes, search.regulator);
  const licenceClass = oneOf(licenceClassCodes, search.licenceClass);
  const minRating = Number(search.minRating);
  const mode = oneOf(['remote', 'in_person'] as const, search.mode);
  const city = text(search.city, 100);
  const sort = oneOf(['rating', 'newest'] as const, search.sort);
  return {
    ...(q ? { q } : {}),
    ...(language ? { language } : {}),
    ...(province ? { province } : {}),
    ...(program ? { program } : {}),
    ...(regulator ? { regulator } : {}),
    ...(licenceClass ? { licenceClass } : {}),
    ...(Number.isFinite(minRating) && minRating >= 1 && minRating <= 5 ? { minRating } : {}),
    ...(search.accepting === true || search.accepting === 'true' ? { accepting: true as const } : {}),
    ...(mode ? { mode } : {}),
    ...(city ? { city } : {}),
    ...(sort ? { sort } : {}),
  };
}

export interface ProProfileSearch {
  /** Set by the way back from the login page: start the request for accompaniment at once. */
  ask?: true;
}

export function validateProProfileSearch(search: Record<string, unknown>): ProProfileSearch {
  return search.ask === true || search.ask === 'true' || search.ask === 1 || search.ask === '1'
    ? { ask: true }
    : {};
}

export interface ReviewSearch {
  /** The dossier the review is about (a candidate may have had the same pro for two dossiers). */
  dossier?: string;
  /** Or the review to edit. */
  review?: string;
}

const uuid = (value: unknown): string | undefined => {
  const id = text(value, 36);
  return id && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id : undefined;
};

export function validateReviewSearch(search: Record<string, unknown>): ReviewSearch {
  const dossier = uuid(search.dossier);
  const review = uuid(search.review);
  return { ...(dossier ? { dossier } : {}), ...(review ? { review } : {}) };
}
