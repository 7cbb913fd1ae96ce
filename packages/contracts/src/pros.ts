// Over 500 lines: every schema of the trust layer (verification files, standing, references, firms, directory, profiles, reviews), which refer to each other.
import { z } from 'zod';
import { ZLocalized } from './dossiers';
import { type TProvince, ZProvince } from './geo';
import { ZDate, ZDateTime, ZLine, ZString, ZText } from './primitives';
import { ZProStanding } from './pro-standing';

/**
 * Verified professionals: who regulates a pro, the state of their verification file, the public directory,
 * profiles and reviews.
 */

export const professions = ['rcic', 'lawyer', 'notary', 'paralegal'] as const;
export const ZProfession = z.enum(professions);
export type TProfession = z.infer<typeof ZProfession>;

export const regulators = [
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
] as const;
export const ZRegulator = z.enum(regulators);
export type TRegulator = z.infer<typeof ZRegulator>;

/** CICC licence classes: L1–L3 for immigration consultants, RISIA for international student advisors. */
export const licenceClasses = ['L1', 'L2', 'L3', 'RISIA'] as const;
export const ZLicenceClass = z.enum(licenceClasses);
export type TLicenceClass = z.infer<typeof ZLicenceClass>;

export interface RegulatorInfo {
  name: { fr: string; en: string };
  /** Null for a national regulator (the CICC). */
  province: TProvince | null;
  professions: readonly TProfession[];
  /** The shape of a member number on that regulator's register (spaces removed, letters upper-cased). */
  licencePattern: RegExp;
  /** Shown in the form's hint. */
  licenceExample: string;
  /** The regulator's public register search, linked from every profile. */
  registerUrl: string;
}

const lawSociety = (
  fr: string,
  en: string,
  province: TProvince,
  registerUrl: string,
  professions: readonly TProfession[] = ['lawyer'],
): RegulatorInfo => ({
  name: { fr, en },
  province,
  professions,
  licencePattern: /^\d{3,7}$/,
  licenceExample: '123456',
  registerUrl,
});

/**
 * Every regulator a pro may declare. Member-number formats follow each public register; a number that
 * does not fit is refused at once (400), before an admin ever looks at it.
 */
export const regulatorInfo: Record<TRegulator, RegulatorInfo> = {
  cicc: {
    name: {
      fr: 'Collège des consultants en immigration et en citoyenneté (CCIC)',
      en: 'College of Immigration and Citizenship Consultants (CICC)',
    },
    province: null,
    professions: ['rcic'],
    licencePattern: /^R\d{6}$/,
    licenceExample: 'R123456',
    registerUrl: 'https://register.college-ic.ca/Public-Register-EN/RCIC_Search.aspx',
  },
  barreau_qc: {
    name: { fr: 'Barreau du Québec', en: 'Barreau du Québec' },
    province: 'QC',
    professions: ['lawyer'],
    licencePattern: /^\d{6}(-?\d)?$/,
    licenceExample: '123456-7',
    registerUrl: 'https://www.barreau.qc.ca/fr/trouver-un-avocat/',
  },
  cnq: {
    name: { fr: 'Chambre des notaires du Québec', en: 'Chambre des notaires du Québec' },
    province: 'QC',
    professions: ['notary'],
    licencePattern: /^\d{4,6}$/,
    licenceExample: '12345',
    registerUrl: 'https://www.cnq.org/trouver-un-notaire/',
  },
  lso: {
    name: { fr: 'Barreau de l’Ontario', en: 'Law Society of Ontario' },
    province: 'ON',
    // Lawyers: digits and a letter (12345A); licensed paralegals: P and digits (P12345).
    professions: ['lawyer', 'paralegal'],
    licencePattern: /^(\d{5}[A-Z]|P\d{5,6})$/,
    licenceExample: '12345A',
    registerUrl: 'https://lso.ca/public-resources/finding-a-lawyer-or-paralegal/directory-search',
  },
  lsbc: lawSociety(
    'Law Society of British Columbia',
    'Law Society of British Columbia',
    'BC',
    'https://www.lawsociety.bc.ca/lsbc/apps/mbr-search/search-member.cfm',
  ),
  lsa: lawSociety(
    'Law Society of Alberta',
    'Law Society of Alberta',
    'AB',
    'https://www.lawsociety.ab.ca/public/lawyer-search/',
  ),
  lss: lawSociety(
    'Law Society of Saskatchewan',
    'Law Society of Saskatchewan',
    'SK',
    'https://www.lawsociety.sk.ca/for-the-public/lawyer-directory/',
  ),
  lsm: lawSociety(
    'Law Society of Manitoba',
    'Law Society of Manitoba',
    'MB',
    'https://lawsociety.mb.ca/for-the-public/lawyer-directory/',
  ),
  lsnb: lawSociety(
    'Barreau du Nouveau-Brunswick',
    'Law Society of New Brunswick',
    'NB',
    'https://lawsociety-barreau.nb.ca/en/public/find-a-lawyer',
  ),
  nsbs: lawSociety(
    'Nova Scotia Barristers’ Society',
    'Nova Scotia Barristers’ Society',
    'NS',
    'https://nsbs.org/legal-profession/lawyer-directory/',
  ),
  lspei: lawSociety(
    'Law Society of Prince Edward Island',
    'Law Society of Prince Edward Island',
    'PE',
    'https://lawsocietypei.ca/find-a-lawyer',
  ),
  lsnl: lawSociety(
    'Law Society of Newfoundland and Labrador',
    'Law Society of Newfoundland and Labrador',
    'NL',
    'https://lsnl.ca/public/find-a-lawyer/',
  ),
  lsy: lawSociety('Law Society of Yukon', 'Law Society of Yukon', 'YT', 'https://lawsocietyyukon.com/'),
  lsnwt: lawSociety(
    'Law Society of the Northwest Territories',
    'Law Society of the Northwest Territories',
    'NT',
    'https://lawsociety.nt.ca/',
  ),
  lsnu: lawSociety('Law Society of Nunavut', 'Law Society of Nunavut', 'NU', 'https://lawsociety.nu.ca/'),
};

/** Upper-cases and removes spaces: `r 700 123` and `R700123` are one licence. */
export function normalizeLicence(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** True when `licence` (normalised) has the shape of `regulator`'s member numbers. */
export function licenceFits(regulator: TRegulator, licence: string): boolean {
  return regulatorInfo[regulator].licencePattern.test(normalizeLicence(licence));
}

/**
 * Checks a pro's declaration as a whole: the regulator licenses that profession, the number has the
 * regulator's shape, and a licence class is given for (and only for) the CICC. `path` prefixes field paths.
 */
export function refineLicence(
  value: {
    profession: TProfession;
    regulator: TRegulator;
    licenceNumber: string;
    licenceClass?: TLicenceClass | null | undefined;
  },
  context: z.RefinementCtx,
): void {
  const info = regulatorInfo[value.regulator];
  if (!info.professions.includes(value.profession)) {
    context.addIssue({
      code: 'custom',
      path: ['regulator'],
      message: 'This regulator does not license that profession',
      params: { code: 'regulator_mismatch' },
    });
  }
  if (!licenceFits(value.regulator, value.licenceNumber)) {
    context.addIssue({
      code: 'custom',
      path: ['licenceNumber'],
      message: `Expected a number like ${info.licenceExample}`,
      params: { code: 'licence_format' },
    });
  }
  if (value.regulator !== 'cicc' && value.licenceClass) {
    context.addIssue({
      code: 'custom',
      path: ['licenceClass'],
      message: 'Licence classes are the CICC’s',
      params: { code: 'licence_class_not_applicable' },
    });
  }
}

/** The fields `refineLicence` reads, for running it while other fields of the form are still wrong. */
const ZLicenceFields = z.object({
  profession: ZProfession,
  regulator: ZRegulator,
  licenceNumber: ZLine.min(1),
});

/**
 * Runs `refineLicence` as soon as the licence fields themselves are well-formed: zod otherwise skips an
 * object's refinements while any other field has an issue, and a form would show the licence error only
 * after everything else was fixed.
 */
export const licenceCheckParams = {
  when: (payload: { value: unknown }) => ZLicenceFields.safeParse(payload.value).success,
};

// ————— Verification —————

export const verificationStatuses = [
  'pending',
  'verified',
  'rejected',
  'expired',
  'suspended',
  'revoked',
] as const;
export const ZVerificationStatus = z.enum(verificationStatuses);
export type TVerificationStatus = z.infer<typeof ZVerificationStatus>;

// The standing lives in its own file (dossiers.ts needs it, and this file imports dossiers.ts).
export { proStandings, type TProStanding, ZProStanding } from './pro-standing';

export const referenceStatuses = ['waiting', 'confirmed', 'declined'] as const;
export const ZReferenceStatus = z.enum(referenceStatuses);

const ZFilledLine = (max: number) => ZLine.trim().min(1).max(max);

/** A file stored for the verification (identity document, register capture): metadata only. */
export const ZStoredFile = z.object({
  originalName: ZString,
  contentType: ZString,
  sizeBytes: z.number().int(),
  sha256: ZString,
  uploadedAt: ZDateTime,
});
export type TStoredFile = z.infer<typeof ZStoredFile>;

export const ZReference = z.object({
  id: z.uuid(),
  name: ZString,
  email: ZString,
  relationship: ZString,
  status: ZReferenceStatus,
  comment: ZString.nullable(),
  sentAt: ZDateTime.nullable(),
  answeredAt: ZDateTime.nullable(),
});
export type TReference = z.infer<typeof ZReference>;

export const ZReferenceInput = z.strictObject({
  name: ZFilledLine(200),
  email: z.email().max(254),
  relationship: ZFilledLine(200),
  /** The language of the email the reference receives. */
  locale: z.enum(['fr', 'en']).default('fr'),
});

/** The register entry as the admin saw it on the regulator's public register. */
export const ZRegisterEntry = z.strictObject({
  nameOnRegister: ZFilledLine(200),
  statusOnRegister: ZFilledLine(200),
  licenceClass: ZLicenceClass.nullable().optional(),
  entitledToPractise: z.boolean(),
  restrictions: ZText.trim().max(2000).nullable().optional(),
  notes: ZText.trim().max(2000).nullable().optional(),
});
export type TRegisterEntry = z.infer<typeof ZRegisterEntry>;

/** Why a file is not ready to submit; the web lists them as a checklist. */
export const verificationRequirements = ['licence', 'identity_document', 'references', 'profile'] as const;
export const ZVerificationRequirement = z.enum(verificationRequirements);

/** `GET /api/me/verification`: the pro's own file. */
export const ZMyVerification = z.object({
  id: z.uuid(),
  status: ZVerificationStatus,
  standing: ZProStanding,
  profession: ZProfession,
  regulator: ZRegulator,
  licenceNumber: ZString.nullable(),
  licenceClass: ZLicenceClass.nullable(),
  submittedAt: ZDateTime.nullable(),
  /** The admin asked for more: shown until the pro submits again. */
  infoRequest: ZString.nullable(),
  /** The reason of the last decision (rejection, suspension…). */
  decisionReason: ZString.nullable(),
  verifiedSince: ZDateTime.nullable(),
  checkedAt: ZDateTime.nullable(),
  renewalDate: ZDate.nullable(),
  /** Last day clients keep this pro after the renewal date passed. */
  graceEndsOn: ZDate.nullable(),
  identityDocument: ZStoredFile.nullable(),
  references: z.array(ZReference),
  /** What is still missing before the file can be submitted. */
  missing: z.array(ZVerificationRequirement),
  canSubmit: z.boolean(),
  /** One appeal of a rejection or suspension; null when not used. */
  appeal: z.object({ text: ZString, at: ZDateTime }).nullable(),
  canAppeal: z.boolean(),
});
export type TMyVerification = z.infer<typeof ZMyVerification>;

/** `PUT /api/me/verification`: the pro's declaration, editable until submitted (and when more is asked). */
export const ZMyVerificationBody = z
  .strictObject({
    profession: ZProfession,
    regulator: ZRegulator,
    licenceNumber: ZLine.trim().min(1).max(40).transform(normalizeLicence),
    licenceClass: ZLicenceClass.nullable().optional(),
    /** Exactly two professional references are needed to submit; fewer can be saved. */
    references: z.array(ZReferenceInput).max(2).default([]),
  })
  .superRefine(refineLicence, licenceCheckParams);
export type TMyVerificationBody = z.infer<typeof ZMyVerificationBody>;

export const ZAppealBody = z.strictObject({ text: ZText.trim().min(1).max(4000) });

/** A reference's answer, through the signed link emailed to them. */
export const ZReferenceRequest = z.object({
  proName: ZString,
  organisationName: ZString.nullable(),
  profession: ZProfession,
  regulator: ZRegulator,
  licenceNumber: ZString.nullable(),
  referenceName: ZString,
  status: ZReferenceStatus,
});
export const ZReferenceAnswerBody = z.strictObject({
  token: ZLine.min(20).max(200),
  answer: z.enum(['confirm', 'decline']),
  comment: ZText.trim().max(2000).nullable().optional(),
});

// ————— Admin queue —————

export const verificationQueues = [
  'pending',
  'conflicts',
  'expiring',
  'references',
  'appeals',
  'all',
] as const;
export const ZVerificationQueue = z.enum(verificationQueues);

export const ZAdminVerificationQuery = z.object({
  queue: ZVerificationQueue.default('pending'),
  q: ZLine.trim().max(100).optional(),
  cursor: ZLine.max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ZAdminVerificationItem = z.object({
  id: z.uuid(),
  pro: z.object({ id: z.uuid(), firstName: ZString, lastName: ZString, email: ZString }),
  organisation: z.object({ id: z.uuid(), name: ZString }).nullable(),
  status: ZVerificationStatus,
  profession: ZProfession,
  regulator: ZRegulator,
  licenceNumber: ZString.nullable(),
  submittedAt: ZDateTime.nullable(),
  renewalDate: ZDate.nullable(),
  referencesConfirmed: z.number().int(),
  referencesWaiting: z.number().int(),
  openConflicts: z.number().int(),
  appealed: z.boolean(),
  updatedAt: ZDateTime,
});
export const ZAdminVerificationPage = z.object({
  items: z.array(ZAdminVerificationItem),
  nextCursor: ZString.nullable(),
});

/** Another account that tried to claim the licence of this file (refused with LICENCE_ALREADY_CLAIMED). */
export const ZLicenceConflict = z.object({
  id: z.uuid(),
  claimant: z.object({
    userId: z.uuid().nullable(),
    name: ZString,
    email: ZString,
    organisationName: ZString.nullable(),
  }),
  regulator: ZRegulator,
  licenceNumber: ZString,
  at: ZDateTime,
  resolvedAt: ZDateTime.nullable(),
});

export const ZVerificationHistoryEntry = z.object({
  action: ZString,
  actor: z.object({ id: z.uuid(), firstName: ZString, lastName: ZString }).nullable(),
  reason: ZString.nullable(),
  at: ZDateTime,
});

/** `GET /api/admin/verifications/{id}`: every piece of evidence, side by side. */
export const ZAdminVerification = ZAdminVerificationItem.extend({
  licenceClass: ZLicenceClass.nullable(),
  infoRequest: ZString.nullable(),
  decisionReason: ZString.nullable(),
  registerEntry: ZRegisterEntry.nullable(),
  registerCapture: ZStoredFile.nullable(),
  identityDocument: ZStoredFile.nullable(),
  registerUrl: ZString,
  checkedAt: ZDateTime.nullable(),
  checkedBy: z.object({ id: z.uuid(), firstName: ZString, lastName: ZString }).nullable(),
  verifiedSince: ZDateTime.nullable(),
  nextCheckDate: ZDate.nullable(),
  references: z.array(ZReference),
  conflicts: z.array(ZLicenceConflict),
  appeal: z.object({ text: ZString, at: ZDateTime }).nullable(),
  history: z.array(ZVerificationHistoryEntry),
  /** Active dossiers this pro follows (counts only). */
  activeClients: z.number().int(),
});
export type TAdminVerification = z.infer<typeof ZAdminVerification>;

const ZReason = ZText.trim().min(3).max(2000);
const ZCheck = {
  reason: ZReason,
  registerEntry: ZRegisterEntry,
  renewalDate: ZDate,
  nextCheckDate: ZDate,
};

/**
 * `POST /api/admin/verifications/{id}/decision`. Approving and re-checking record the register entry as
 * seen (a capture of the register page must have been uploaded first); every decision carries a reason,
 * emailed to the pro in their language and written to the audit log.
 */
export const ZVerificationDecisionBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('approve'), ...ZCheck }),
  z.strictObject({ decision: z.literal('recheck'), ...ZCheck }),
  z.strictObject({ decision: z.literal('reject'), reason: ZReason }),
  z.strictObject({ decision: z.literal('request_info'), reason: ZReason }),
  z.strictObject({ decision: z.literal('suspend'), reason: ZReason }),
  z.strictObject({ decision: z.literal('revoke'), reason: ZReason }),
  z.strictObject({ decision: z.literal('reinstate'), reason: ZReason }),
  z.strictObject({ decision: z.literal('dismiss_appeal'), reason: ZReason }),
]);
export type TVerificationDecisionBody = z.infer<typeof ZVerificationDecisionBody>;

// ————— Directory and profiles —————

/** ISO 639-1 codes of the languages a pro can declare. */
export const proLanguages = [
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
] as const;
export const ZProLanguage = z.enum(proLanguages);

export const directorySorts = ['relevance', 'rating', 'newest'] as const;

const ZBoolQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

export const ZProDirectoryQuery = z.object({
  q: ZLine.trim().max(100).optional(),
  language: ZProLanguage.optional(),
  province: ZProvince.optional(),
  /** A program id of the catalogue (`express_entry_fsw`…): pros who list it among their specialties. */
  program: ZLine.trim().max(60).optional(),
  regulator: ZRegulator.optional(),
  licenceClass: ZLicenceClass.optional(),
  /** Bayesian rating at least this. */
  minRating: z.coerce.number().min(1).max(5).optional(),
  accepting: ZBoolQuery.optional(),
  mode: z.enum(['remote', 'in_person']).optional(),
  city: ZLine.trim().max(100).optional(),
  sort: z.enum(directorySorts).default('relevance'),
  cursor: ZLine.max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type TProDirectoryQuery = z.infer<typeof ZProDirectoryQuery>;

export const ZRating = z.object({
  /** Bayesian average of the overall scores (pulled towards the platform's prior), 1–5, one decimal. */
  score: z.number().nullable(),
  /** Plain average of the overall scores. */
  average: z.number().nullable(),
  count: z.number().int(),
});
export type TRating = z.infer<typeof ZRating>;

/** One card of the directory; also what the dossier chooser shows. */
export const ZProCard = z.object({
  id: z.uuid(),
  slug: ZString,
  firstName: ZString,
  lastName: ZString,
  organisation: z.object({ id: z.uuid(), name: ZString }).nullable(),
  licenceNumber: ZString.nullable(),
  profession: ZProfession,
  regulator: ZRegulator,
  licenceClass: ZLicenceClass.nullable(),
  verified: z.boolean(),
  photoUrl: ZString.nullable(),
  languages: z.array(ZString),
  provinces: z.array(ZProvince),
  city: ZString.nullable(),
  remote: z.boolean(),
  inPerson: z.boolean(),
  acceptingClients: z.boolean(),
  programs: z.array(ZString),
  rating: ZRating,
  /** The first words of the bio in both languages. */
  headline: ZLocalized,
});
export type TProCard = z.infer<typeof ZProCard>;

export const ZProDirectoryPage = z.object({ items: z.array(ZProCard), nextCursor: ZString.nullable() });

export const reviewCriteria = ['responsiveness', 'feesClarity', 'processExplanation', 'overall'] as const;
const ZScore = z.number().int().min(1).max(5);
export const ZReviewScores = z.strictObject({
  responsiveness: ZScore,
  feesClarity: ZScore,
  processExplanation: ZScore,
  overall: ZScore,
});
export type TReviewScores = z.infer<typeof ZReviewScores>;

export const ZProReview = z.object({
  id: z.uuid(),
  scores: z.object({
    responsiveness: z.number().int(),
    feesClarity: z.number().int(),
    processExplanation: z.number().int(),
    overall: z.number().int(),
  }),
  body: ZString,
  /** "Amina D." or null when the reviewer chose to be anonymous. */
  authorName: ZString.nullable(),
  /** The reviewer's own review: they may edit it for 30 days. */
  mine: z.boolean(),
  editableUntil: ZDateTime.nullable(),
  featured: z.boolean(),
  featureConsent: z.boolean(),
  reply: z.object({ body: ZString, at: ZDateTime }).nullable(),
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TProReview = z.infer<typeof ZProReview>;

export const ZProReviewPage = z.object({
  rating: ZRating,
  /** Average per criterion, null without reviews. */
  criteria: z.object({
    responsiveness: z.number().nullable(),
    feesClarity: z.number().nullable(),
    processExplanation: z.number().nullable(),
    overall: z.number().nullable(),
  }),
  items: z.array(ZProReview),
  nextCursor: ZString.nullable(),
});

export const ZProProfile = ZProCard.extend({
  bio: ZLocalized,
  registerUrl: ZString,
  verifiedSince: ZDateTime.nullable(),
  lastCheckedAt: ZDateTime.nullable(),
  testimonials: z.array(ZProReview),
  upcomingWebinars: z.array(z.object({ id: z.uuid(), title: ZString, startsAt: ZDateTime })),
});
export type TProProfile = z.infer<typeof ZProProfile>;

export const ZProReviewBody = z.strictObject({
  dossierId: z.uuid(),
  scores: ZReviewScores,
  body: ZText.trim().min(10).max(4000),
  display: z.enum(['name', 'anonymous']),
  /** The reviewer agrees that the pro may feature this review as a testimonial. */
  featureConsent: z.boolean().default(false),
});
export const ZProReviewPatch = z.strictObject({
  scores: ZReviewScores.optional(),
  body: ZText.trim().min(10).max(4000).optional(),
  display: z.enum(['name', 'anonymous']).optional(),
  featureConsent: z.boolean().optional(),
});
export const ZReviewReplyBody = z.strictObject({ body: ZText.trim().min(2).max(4000) });
export const ZReviewFeatureBody = z.strictObject({ featured: z.boolean() });

/** A dossier whose candidate may review the pro who followed it (`GET /api/me/reviewable`). */
export const ZReviewable = z.object({
  dossierId: z.uuid(),
  programId: ZString,
  pro: z.object({ id: z.uuid(), slug: ZString, firstName: ZString, lastName: ZString }),
  reviewId: z.uuid().nullable(),
});

/** `GET|PUT /api/me/pro-profile`: what the pro writes about themself. */
export const ZMyProProfileBody = z.strictObject({
  bio: z.strictObject({ fr: ZText.trim().max(4000), en: ZText.trim().max(4000) }),
  languages: z.array(ZProLanguage).min(1).max(10),
  provinces: z.array(ZProvince).max(13),
  city: ZLine.trim().max(100).nullable(),
  remote: z.boolean(),
  inPerson: z.boolean(),
  acceptingClients: z.boolean(),
  programs: z.array(ZLine.trim().min(1).max(60)).max(20),
  /** Shown in the public directory: off until the pro chooses it; absent keeps what it was. */
  listed: z.boolean().optional(),
});
export type TMyProProfileBody = z.infer<typeof ZMyProProfileBody>;
export const ZMyProProfile = ZMyProProfileBody.extend({
  listed: z.boolean(),
  // A new profile has none yet: the minimum applies to what the pro saves.
  languages: z.array(ZProLanguage),
  slug: ZString,
  photoUrl: ZString.nullable(),
  /** True once bio (one language at least), languages and provinces are filled in. */
  complete: z.boolean(),
});
export type TMyProProfile = z.infer<typeof ZMyProProfile>;
