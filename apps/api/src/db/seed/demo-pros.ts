// Over 500 lines: the demo's professionals with their verification files, profiles and reviews, written as data beside the few lines that insert them.
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { TLicenceClass, TProfession, TProvince, TRegisterEntry, TRegulator } from '@capitune/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { proSlug } from '../../modules/pros';
import type { Database } from '../../platform/db/database';
import type { BlobStore } from '../../platform/storage/blob-store';
import {
  dossierMembers,
  dossiers,
  licenceConflicts,
  organisations,
  proProfiles,
  proReferences,
  proReviews,
  proVerifications,
  type StoredFileRef,
  users,
} from '../schema';
import { demoPdf, demoPng } from './demo-common';

const DAY = 86_400_000;

export interface DemoPro {
  email: string;
  firstName: string;
  lastName: string;
  locale: 'fr' | 'en';
  firm: string;
  profession: TProfession;
  regulator: TRegulator;
  licenceNumber: string;
  licenceClass: TLicenceClass | null;
  /** Days since the first approval; null: still pending. */
  verifiedDaysAgo: number | null;
  languages: string[];
  provinces: TProvince[];
  city: string | null;
  remote: boolean;
  inPerson: boolean;
  acceptingClients: boolean;
  programs: string[];
  bio: { fr: string; en: string };
}

const pro = (
  fields: Omit<DemoPro, 'remote' | 'inPerson' | 'acceptingClients'> & Partial<DemoPro>,
): DemoPro => ({
  remote: true,
  inPerson: true,
  acceptingClients: true,
  ...fields,
});

/**
 * The demo pros: the demo pro (verified, with all the evidence), a second one whose file waits for an
 * admin with a licence conflict, and fourteen others, verified, across provinces, professions and
 * languages, so that the directory has more than a page.
 */
export const demoPros: DemoPro[] = [
  pro({
    email: 'pro@demo.capitune.ca',
    firstName: 'Julien',
    lastName: 'Tremblay',
    locale: 'fr',
    firm: 'Tremblay Immigration',
    profession: 'rcic',
    regulator: 'cicc',
    licenceNumber: 'R700123',
    licenceClass: 'L3',
    verifiedDaysAgo: 400,
    languages: ['fr', 'en', 'es'],
    provinces: ['QC', 'ON'],
    city: 'Montréal',
    programs: ['express_entry_fsw', 'express_entry_cec', 'quebec_skilled_worker', 'study_permit'],
    bio: {
      fr: 'Consultant réglementé en immigration depuis douze ans, j’accompagne les travailleurs qualifiés et les étudiants du premier appel jusqu’à la résidence permanente : stratégie, préparation du dossier, suivi avec IRCC et le MIFI.',
      en: 'A regulated immigration consultant for twelve years, I guide skilled workers and students from the first call to permanent residence: strategy, file preparation, follow-up with IRCC and Québec’s MIFI.',
    },
  }),
  pro({
    email: 'pro2@demo.capitune.ca',
    firstName: 'Marc',
    lastName: 'Gauthier',
    locale: 'fr',
    firm: 'Gauthier Conseil',
    profession: 'rcic',
    regulator: 'cicc',
    licenceNumber: 'R700456',
    licenceClass: 'L1',
    verifiedDaysAgo: null,
    languages: ['fr'],
    provinces: ['QC'],
    city: 'Québec',
    programs: ['quebec_skilled_worker'],
    bio: {
      fr: 'Nouveau consultant à Québec, spécialisé dans les programmes québécois.',
      en: '',
    },
  }),
  pro({
    email: 'amelie.bouchard@demo.capitune.ca',
    firstName: 'Amélie',
    lastName: 'Bouchard',
    locale: 'fr',
    firm: 'Bouchard Avocats',
    profession: 'lawyer',
    regulator: 'barreau_qc',
    licenceNumber: '2008451',
    licenceClass: null,
    verifiedDaysAgo: 300,
    languages: ['fr', 'en'],
    provinces: ['QC'],
    city: 'Québec',
    programs: ['family_sponsorship_spouse', 'visitor_visa'],
    bio: {
      fr: 'Avocate en droit de l’immigration : parrainage familial, visas de visiteur et recours devant la Section d’appel de l’immigration.',
      en: 'Immigration lawyer: family sponsorship, visitor visas and appeals before the Immigration Appeal Division.',
    },
  }),
  pro({
    email: 'raj.patel@demo.capitune.ca',
    firstName: 'Raj',
    lastName: 'Patel',
    locale: 'en',
    firm: 'Patel Immigration Law',
    profession: 'lawyer',
    regulator: 'lso',
    licenceNumber: '54321P',
    licenceClass: null,
    verifiedDaysAgo: 220,
    languages: ['en', 'hi', 'pa'],
    provinces: ['ON'],
    city: 'Brampton',
    programs: ['express_entry_cec', 'work_permit_employer', 'family_sponsorship_spouse'],
    bio: {
      fr: 'Avocat en immigration à Brampton : expérience canadienne, permis de travail et parrainage.',
      en: 'Immigration lawyer in Brampton: Canadian Experience Class, work permits and sponsorship, in English, Hindi and Punjabi.',
    },
  }),
  pro({
    email: 'lucia.garcia@demo.capitune.ca',
    firstName: 'Lucía',
    lastName: 'García',
    locale: 'fr',
    firm: 'Passerelle Immigration',
    profession: 'rcic',
    regulator: 'cicc',
    licenceNumber: 'R712001',
    licenceClass: 'L2',
    verifiedDaysAgo: 180,
    languages: ['es', 'fr', 'en'],
    provinces: ['QC'],
    city: 'Montréal',
    programs: ['study_permit', 'quebec_skilled_worker'],
    bio: {
      fr: 'J’aide les étudiantes et étudiants d’Amérique latine à choisir leur programme, obtenir le CAQ et le permis d’études, puis à rester au Québec.',
      en: 'I help students from Latin America choose their program, get the CAQ and the study permit, then stay in Québec.',
    },
  }),
  pro({
    email: 'wei.chen@demo.capitune.ca',
    firstName: 'Wei',
    lastName: 'Chen',
    locale: 'en',
    firm: 'Pacific Gateway Immigration',
    profession: 'rcic',
    regulator: 'cicc',
    licenceNumber: 'R712002',
    licenceClass: 'L2',
    verifiedDaysAgo: 90,
    languages: ['en', 'zh'],
    provinces: ['BC'],
    city: 'Vancouver',
    programs: ['express_entry_fsw', 'work_permit_employer'],
    bio: {
      fr: 'Consultant à Vancouver : Entrée express et permis de travail fermés, en anglais et en mandarin.',
      en: 'Consultant in Vancouver: Express Entry and employer-specific work permits, in English and Mandarin.',
    },
  }),
  pro({
    email: 'fatou.ndiaye@demo.capitune.ca',
    firstName: 'Fatou',
    lastName: 'Ndiaye',
    locale: 'fr',
    firm: 'Horizon Immigration Ottawa',
    profession: 'rcic',
    regulator: 'cicc',
    licenceNumber: 'R712003',
    licenceClass: 'L3',
    verifiedDaysAgo: 600,
    languages: ['fr', 'en'],
    provinces: ['ON', 'QC'],
    city: 'Ottawa',
    programs: ['express_entry_fsw', 'family_sponsorship_spouse', 'work_permit_open_spouse'],
    bio: {
      fr: 'Francophone hors Québec : je connais les programmes pour les francophones en Ontario et la Mobilité francophone.',
      en: 'Francophone immigration outside Québec: programs for French speakers in Ontario and Francophone Mobility.',
    },
  }),
  pro({
    email: 'omar.haddad@demo.capitune.ca',
    firstName: 'Omar',
    lastName: 'Haddad',
    locale: 'fr',
    firm: 'Haddad & associés',
    profession: 'rcic',
    regulator: 'cicc',
    licenceNumber: 'R712004',
    licenceClass: 'L2',
    verifiedDaysAgo: 45,
    languages: ['fr', 'ar', 'en'],
    provinces: ['QC'],
    city: 'Laval',
    acceptingClients: false,
    programs: ['quebec_skilled_worker', 'family_sponsorship_spouse'],
    bio: {
      fr: 'Accompagnement en français et en arabe pour les travailleurs qualifiés du Québec et le parrainage des conjoints.',
      en: 'Support in French and Arabic for Québec skilled workers and spousal sponsorship.',
    },
  }),
  pro({
    email: 'sarah.johnson@demo.capitune.ca',
    firstName: 'Sarah',
    lastName: 'Johnson',
    locale: 'en',
    firm: 'Prairie Pathways',
    profession: 'rcic',
    regulator: 'cicc',
    licenceNumber: 'R712005',
    licenceClass: 'L1',
    verifiedDaysAgo: 130,
    languages: ['en'],
    provinces: ['AB', 'SK'],
    city: 'Calgary',
    inPerson: false,
    programs: ['express_entry_fst', 'work_permit_employer'],
    bio: {
      fr: 'Métiers spécialisés et permis de travail en Alberta et en Saskatchewan.',
      en: 'Skilled trades and work permits in Alberta and Saskatchewan.',
    },
  }),
  pro({
    email: 'maria.santos@demo.capitune.ca',
    firstName: 'Maria',
    lastName: 'Santos',
    locale: 'en',
    firm: 'Santos Immigration Services',
    profession: 'rcic',
    regulator: 'cicc',
    licenceNumber: 'R712006',
    licenceClass: 'L2',
    verifiedDaysAgo: 250,
    languages: ['en', 'tl', 'pt'],
    provinces: ['MB'],
    city: 'Winnipeg',
    programs: ['work_permit_open_spouse', 'family_sponsorship_spouse', 'visitor_visa'],
    bio: {
      fr: 'Familles et aides familiaux au Manitoba, en anglais, en tagalog et en portugais.',
      en: 'Families and caregivers in Manitoba, in English, Tagalog and Portuguese.',
    },
  }),
  pro({
    email: 'yanis.benali@demo.capitune.ca',
    firstName: 'Yanis',
    lastName: 'Benali',
    locale: 'fr',
    firm: 'Benali Notaire',
    profession: 'notary',
    regulator: 'cnq',
    licenceNumber: '45123',
    licenceClass: null,
    verifiedDaysAgo: 75,
    languages: ['fr', 'ar'],
    provinces: ['QC'],
    city: 'Sherbrooke',
    remote: false,
    programs: ['family_sponsorship_spouse'],
    bio: {
      fr: 'Notaire : déclarations solennelles, engagements de parrainage et documents certifiés pour vos démarches.',
      en: 'Notary: solemn declarations, sponsorship undertakings and certified documents for your applications.',
    },
  }),
  pro({
    email: 'grace.okafor@demo.capitune.ca',
    firstName: 'Grace',
    lastName: 'Okafor',
    locale: 'en',
    firm: 'Okafor Legal Services',
    profession: 'paralegal',
    regulator: 'lso',
    licenceNumber: 'P12345',
    licenceClass: null,
    verifiedDaysAgo: 160,
    languages: ['en', 'fr'],
    provinces: ['ON'],
    city: 'Toronto',
    programs: ['visitor_visa', 'study_permit'],
    bio: {
      fr: 'Parajuriste autorisée en Ontario : visas de visiteur et permis d’études.',
      en: 'Licensed paralegal in Ontario: visitor visas and study permits.',
    },
  }),
  pro({
    email: 'thomas.roy@demo.capitune.ca',
    firstName: 'Thomas',
    lastName: 'Roy',
    locale: 'fr',
    firm: 'Roy Immigration Acadie',
    profession: 'rcic',
    regulator: 'cicc',
    licenceNumber: 'R712007',
    licenceClass: 'L1',
    verifiedDaysAgo: 20,
    languages: ['fr', 'en'],
    provinces: ['NB', 'NS'],
    city: 'Moncton',
    programs: ['express_entry_fsw', 'work_permit_employer'],
    bio: {
      fr: 'Immigration francophone en Atlantique : programme pilote, Entrée express et permis de travail.',
      en: 'Francophone immigration in Atlantic Canada: pilot program, Express Entry and work permits.',
    },
  }),
  pro({
    email: 'nadia.karimi@demo.capitune.ca',
    firstName: 'Nadia',
    lastName: 'Karimi',
    locale: 'en',
    firm: 'Karimi Immigration',
    profession: 'rcic',
    regulator: 'cicc',
    licenceNumber: 'R712008',
    licenceClass: 'L2',
    verifiedDaysAgo: 340,
    languages: ['en', 'fa', 'fr'],
    provinces: ['BC', 'ON'],
    city: 'Surrey',
    programs: ['express_entry_cec', 'study_permit'],
    bio: {
      fr: 'Étudiants internationaux et diplômés : permis d’études, permis postdiplôme et expérience canadienne.',
      en: 'International students and graduates: study permits, post-graduation work permits and Canadian Experience Class.',
    },
  }),
  pro({
    email: 'ines.fortin@demo.capitune.ca',
    firstName: 'Inès',
    lastName: 'Fortin',
    locale: 'fr',
    firm: 'Fortin Mobilité internationale',
    profession: 'rcic',
    regulator: 'cicc',
    licenceNumber: 'R712009',
    licenceClass: 'RISIA',
    verifiedDaysAgo: 110,
    languages: ['fr', 'en', 'pt'],
    provinces: ['QC'],
    city: 'Gatineau',
    programs: ['study_permit'],
    bio: {
      fr: 'Conseillère réglementée en immigration pour étudiants étrangers (CRIEE) : admission, CAQ, permis d’études et renouvellements.',
      en: 'Regulated international student immigration advisor (RISIA): admission, CAQ, study permits and renewals.',
    },
  }),
  pro({
    email: 'daniel.mensah@demo.capitune.ca',
    firstName: 'Daniel',
    lastName: 'Mensah',
    locale: 'en',
    firm: 'Mensah Immigration Halifax',
    profession: 'rcic',
    regulator: 'cicc',
    licenceNumber: 'R712010',
    licenceClass: 'L3',
    verifiedDaysAgo: 500,
    languages: ['en', 'fr'],
    provinces: ['NS'],
    city: 'Halifax',
    programs: ['express_entry_fsw', 'express_entry_cec', 'work_permit_employer'],
    bio: {
      fr: 'Immigration économique en Nouvelle-Écosse, en anglais et en français.',
      en: 'Economic immigration in Nova Scotia, in English and French.',
    },
  }),
];

/** Candidates who had a dossier followed by a demo pro, and reviewed them. */
export const demoReviewers = [
  { email: 'lucas.martin@demo.capitune.ca', firstName: 'Lucas', lastName: 'Martin', locale: 'fr' },
  { email: 'priya.sharma@demo.capitune.ca', firstName: 'Priya', lastName: 'Sharma', locale: 'en' },
  { email: 'karim.mansour@demo.capitune.ca', firstName: 'Karim', lastName: 'Mansour', locale: 'fr' },
  { email: 'ana.reyes@demo.capitune.ca', firstName: 'Ana', lastName: 'Reyes', locale: 'en' },
  { email: 'chloe.lavoie@demo.capitune.ca', firstName: 'Chloé', lastName: 'Lavoie', locale: 'fr' },
] as const;

interface DemoReview {
  reviewer: (typeof demoReviewers)[number]['email'];
  pro: string;
  programId: string;
  /** Days the pro followed the dossier; closed: the dossier was closed with them. */
  followedDays: number;
  closed?: boolean;
  scores: [number, number, number, number];
  body: string;
  display: 'name' | 'anonymous';
  featureConsent: boolean;
  featured?: boolean;
  reply?: string;
}

const demoReviews: DemoReview[] = [
  {
    reviewer: 'lucas.martin@demo.capitune.ca',
    pro: 'pro@demo.capitune.ca',
    programId: 'express_entry_fsw',
    followedDays: 200,
    closed: true,
    scores: [5, 5, 5, 5],
    body: 'Julien a repris mon profil Entrée express, m’a expliqué chaque étape et chaque frais. Invitation reçue en quatre mois, résidence permanente obtenue.',
    display: 'name',
    featureConsent: true,
    featured: true,
    reply: 'Merci Lucas, ce fut un plaisir de vous accompagner. Bonne installation à Montréal\u00a0!',
  },
  {
    reviewer: 'priya.sharma@demo.capitune.ca',
    pro: 'pro@demo.capitune.ca',
    programId: 'study_permit',
    followedDays: 90,
    scores: [4, 5, 4, 4],
    body: 'Clear fees from day one and a well-prepared study permit file. Replies sometimes took two or three days.',
    display: 'name',
    featureConsent: true,
    featured: true,
  },
  {
    reviewer: 'karim.mansour@demo.capitune.ca',
    pro: 'pro@demo.capitune.ca',
    programId: 'quebec_skilled_worker',
    followedDays: 60,
    scores: [3, 4, 4, 4],
    body: 'Bon suivi de mon dossier Arrima, explications claires sur le PSTQ. J’aurais aimé des nouvelles un peu plus souvent.',
    display: 'anonymous',
    featureConsent: false,
    reply: 'Merci pour ce retour : nous envoyons désormais un point d’étape chaque mois.',
  },
  {
    reviewer: 'ana.reyes@demo.capitune.ca',
    pro: 'lucia.garcia@demo.capitune.ca',
    programId: 'study_permit',
    followedDays: 120,
    closed: true,
    scores: [5, 5, 5, 5],
    body: 'Lucía answered all my questions in Spanish and my study permit was approved on the first try.',
    display: 'name',
    featureConsent: true,
    featured: true,
    reply: '¡Gracias Ana! Enjoy your studies in Montréal.',
  },
  {
    reviewer: 'chloe.lavoie@demo.capitune.ca',
    pro: 'fatou.ndiaye@demo.capitune.ca',
    programId: 'family_sponsorship_spouse',
    followedDays: 300,
    scores: [5, 4, 5, 5],
    body: 'Fatou a monté le parrainage de mon conjoint avec beaucoup de rigueur. Honoraires clairs, aucune surprise.',
    display: 'name',
    featureConsent: true,
    featured: true,
  },
  {
    reviewer: 'priya.sharma@demo.capitune.ca',
    pro: 'raj.patel@demo.capitune.ca',
    programId: 'express_entry_cec',
    followedDays: 45,
    scores: [4, 3, 4, 4],
    body: 'Knowledgeable about the Canadian Experience Class. The fee breakdown could have been clearer at the start.',
    display: 'anonymous',
    featureConsent: false,
  },
  {
    reviewer: 'lucas.martin@demo.capitune.ca',
    pro: 'wei.chen@demo.capitune.ca',
    programId: 'work_permit_employer',
    followedDays: 80,
    scores: [5, 5, 4, 5],
    body: 'Permis de travail fermé obtenu rapidement, avec une étude d’impact sur le marché du travail bien préparée.',
    display: 'name',
    featureConsent: true,
  },
];

/** A tiny PNG standing for the capture of a register page, and a tiny PDF for an identity document. */
const capturePng = demoPng;
const identityPdf = demoPdf('CAPITUNE demo identity document');

/** Writes a demo file through the BlobStore and describes it as the verification files do. */
async function storedFile(
  storage: BlobStore,
  key: string,
  content: Buffer,
  contentType: string,
  originalName: string,
  uploadedBy: string,
  at: Date,
): Promise<StoredFileRef> {
  await storage.put(key, Readable.from([content]), contentType);
  return {
    key,
    originalName,
    contentType,
    sizeBytes: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    uploadedAt: at.toISOString(),
    uploadedBy,
  };
}

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * Seeds the demo pros' firms, verification files, profiles, and the reviewers' dossiers and reviews.
 * Idempotent: each row is written only when missing; a file or profile that sign-up or the migration
 * made and nobody touched since (pending, never submitted; an empty profile) is filled in. With a
 * BlobStore, the evidence files (register captures, identity documents) are written too; without one,
 * the files' metadata is left out (the admin's page then shows none).
 */
export async function seedDemoPros(
  db: Database,
  options: { now: Date; passwordHash: string; storage?: BlobStore },
): Promise<void> {
  const { now, passwordHash, storage } = options;
  const today = now.toISOString().slice(0, 10);
  const [admin] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, 'admin@demo.capitune.ca'));

  await db
    .insert(users)
    .values(
      [...demoPros, ...demoReviewers].map((person) => ({
        email: person.email,
        role: 'firm' in person ? ('pro' as const) : ('candidate' as const),
        firstName: person.firstName,
        lastName: person.lastName,
        locale: person.locale,
        passwordHash,
        emailVerifiedAt: now,
      })),
    )
    .onConflictDoNothing({ target: users.email });

  const ids = new Map<string, string>();
  for (const demo of demoPros) {
    const [user] = await db.select().from(users).where(eq(users.email, demo.email));
    if (user?.role !== 'pro') continue;
    ids.set(demo.email, user.id);
    if (!user.organisationId) {
      const [firm] = await db
        .insert(organisations)
        .values({ name: demo.firm })
        .returning({ id: organisations.id });
      await db
        .update(users)
        .set({ organisationId: firm?.id ?? null })
        .where(eq(users.id, user.id));
    }
    await seedVerification(db, demo, user.id, { now, today, adminId: admin?.id ?? null, storage });
    await seedProfile(db, demo, user);
  }
  await seedConflict(db, now);
  await seedReviews(db, ids, now);
}

async function seedVerification(
  db: Database,
  demo: DemoPro,
  userId: string,
  context: { now: Date; today: string; adminId: string | null; storage: BlobStore | undefined },
) {
  const { now, today, adminId, storage } = context;
  const [existing] = await db.select().from(proVerifications).where(eq(proVerifications.userId, userId));
  // A file someone worked on (submitted, decided) is the demo user's own now: left as it is.
  if (existing && (existing.submittedAt !== null || existing.checkedAt !== null)) return;

  const verifiedSince =
    demo.verifiedDaysAgo === null ? null : new Date(now.getTime() - demo.verifiedDaysAgo * DAY);
  const checkedAt = verifiedSince
    ? new Date(Math.max(verifiedSince.getTime(), now.getTime() - 40 * DAY))
    : null;
  const fileId = existing?.id ?? randomUUID();
  const evidence =
    storage && adminId
      ? {
          registerCapture: verifiedSince
            ? await storedFile(
                storage,
                `verifications/${fileId}/demo-register-capture`,
                capturePng,
                'image/png',
                'registre-cicc.png',
                adminId,
                checkedAt ?? now,
              )
            : null,
          identityDocument: await storedFile(
            storage,
            `verifications/${fileId}/demo-identity-document`,
            identityPdf,
            'application/pdf',
            'passeport.pdf',
            userId,
            new Date(now.getTime() - ((demo.verifiedDaysAgo ?? 3) + 2) * DAY),
          ),
        }
      : { registerCapture: null, identityDocument: null };
  const registerEntry: TRegisterEntry | null = verifiedSince
    ? {
        nameOnRegister: `${demo.firstName} ${demo.lastName}`,
        statusOnRegister: demo.regulator === 'cicc' ? 'Active – Licensee in good standing' : 'Membre actif',
        licenceClass: demo.licenceClass,
        entitledToPractise: true,
        restrictions: null,
        notes: null,
      }
    : null;
  const values = {
    profession: demo.profession,
    regulator: demo.regulator,
    licenceNumber: demo.licenceNumber,
    licenceClass: demo.licenceClass,
    status: verifiedSince ? ('verified' as const) : ('pending' as const),
    submittedAt: new Date(now.getTime() - ((demo.verifiedDaysAgo ?? 3) + 1) * DAY),
    registerEntry,
    ...evidence,
    entitledToPractise: verifiedSince ? true : null,
    restrictions: null,
    checkedAt,
    checkedBy: verifiedSince ? adminId : null,
    verifiedSince,
    renewalDate: verifiedSince ? addDays(today, 200 + (demo.verifiedDaysAgo ?? 0)) : null,
    nextCheckDate: verifiedSince ? addDays(today, 120) : null,
    updatedAt: now,
  };
  const [file] = existing
    ? await db
        .update(proVerifications)
        .set(values)
        .where(eq(proVerifications.id, existing.id))
        .returning({ id: proVerifications.id })
    : await db
        .insert(proVerifications)
        .values({ id: fileId, userId, ...values, createdAt: values.submittedAt })
        .onConflictDoNothing()
        .returning({ id: proVerifications.id });
  if (!file) return;
  // Two references, who confirmed (verified pros) or have not answered yet (the pending one).
  await db
    .insert(proReferences)
    .values(
      [1, 2].map((position) => ({
        verificationId: file.id,
        position,
        name: position === 1 ? 'Claire Dubé' : 'Robert Lemieux',
        email: `reference${position}.${demo.email.split('@')[0]}@example.ca`,
        relationship: position === 1 ? 'Ancienne associée' : 'Avocat, confrère',
        locale: 'fr' as const,
        status: verifiedSince ? ('confirmed' as const) : ('waiting' as const),
        comment: verifiedSince ? 'Professionnel rigoureux, je le recommande.' : null,
        sentAt: values.submittedAt,
        answeredAt: verifiedSince ? new Date(values.submittedAt.getTime() + 2 * DAY) : null,
      })),
    )
    .onConflictDoNothing();
}

async function seedProfile(db: Database, demo: DemoPro, user: typeof users.$inferSelect) {
  const fields = {
    bio: demo.bio,
    languages: demo.languages,
    provinces: demo.provinces,
    city: demo.city,
    remote: demo.remote,
    inPerson: demo.inPerson,
    acceptingClients: demo.acceptingClients,
    programs: demo.programs,
    // The demo pros chose to be shown in the directory (off by default for a new pro).
    listed: true,
  };
  await db
    .insert(proProfiles)
    .values({ userId: user.id, slug: proSlug(user.firstName, user.lastName, user.id), ...fields })
    .onConflictDoNothing();
  // A profile nobody wrote yet (sign-up's, the migration's) gets the demo's.
  await db
    .update(proProfiles)
    .set(fields)
    .where(
      and(
        eq(proProfiles.userId, user.id),
        sql`${proProfiles.bio} = '{"fr":"","en":""}'::jsonb`,
        sql`cardinality(${proProfiles.provinces}) = 0`,
      ),
    );
}

/** Someone tried to sign up with the pending demo pro's licence: a conflict for the admin queue. */
async function seedConflict(db: Database, now: Date) {
  const [file] = await db
    .select({
      id: proVerifications.id,
      regulator: proVerifications.regulator,
      licence: proVerifications.licenceNumber,
    })
    .from(proVerifications)
    .innerJoin(users, eq(users.id, proVerifications.userId))
    .where(eq(users.email, 'pro2@demo.capitune.ca'));
  if (!file?.licence) return;
  const [known] = await db
    .select({ id: licenceConflicts.id })
    .from(licenceConflicts)
    .where(eq(licenceConflicts.verificationId, file.id));
  if (known) return;
  await db.insert(licenceConflicts).values({
    verificationId: file.id,
    claimantName: 'Marc Gauthier',
    claimantEmail: 'm.gauthier.conseil@example.com',
    organisationName: 'Gauthier Conseil Immigration',
    regulator: file.regulator,
    licenceNumber: file.licence,
    ip: '203.0.113.24',
    createdAt: new Date(now.getTime() - 2 * DAY),
  });
}

/** The reviewers' dossiers (followed, or closed with the pro) and their reviews, once. */
async function seedReviews(db: Database, proIds: Map<string, string>, now: Date) {
  for (const demo of demoReviews) {
    const proId = proIds.get(demo.pro);
    const [author] = await db.select().from(users).where(eq(users.email, demo.reviewer));
    if (!proId || !author) continue;
    const [agent] = await db
      .select({ organisationId: users.organisationId })
      .from(users)
      .where(eq(users.id, proId));
    const [existing] = await db
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(
        and(
          eq(dossiers.ownerId, author.id),
          eq(dossiers.agentId, proId),
          eq(dossiers.programId, demo.programId),
        ),
      );
    if (existing) continue;
    const agentSince = new Date(now.getTime() - demo.followedDays * DAY);
    const createdAt = new Date(agentSince.getTime() - 3 * DAY);
    const reviewedAt = new Date(Math.min(now.getTime() - DAY, agentSince.getTime() + 35 * DAY));
    // One transaction per review: the dossier, the review and the counters, or none of them.
    await db.transaction(async (tx) => {
      await writeReview(tx, demo, {
        proId,
        author,
        agent,
        agentSince,
        createdAt,
        reviewedAt,
      });
    });
  }
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

async function writeReview(
  db: Tx,
  demo: DemoReview,
  context: {
    proId: string;
    author: typeof users.$inferSelect;
    agent: { organisationId: string | null } | undefined;
    agentSince: Date;
    createdAt: Date;
    reviewedAt: Date;
  },
) {
  const { proId, author, agent, agentSince, createdAt, reviewedAt } = context;
  {
    const [dossier] = await db
      .insert(dossiers)
      .values({
        ownerId: author.id,
        programId: demo.programId,
        status: demo.closed ? 'closed' : 'processing',
        organisationId: agent?.organisationId ?? null,
        agentId: proId,
        agentSince,
        createdAt,
        updatedAt: reviewedAt,
      })
      .returning({ id: dossiers.id });
    if (!dossier) return;
    await db.insert(dossierMembers).values({
      dossierId: dossier.id,
      role: 'principal',
      fullName: `${author.firstName} ${author.lastName}`,
      createdAt,
    });
    const [responsiveness, feesClarity, processExplanation, overall] = demo.scores;
    await db.insert(proReviews).values({
      proId,
      dossierId: dossier.id,
      authorId: author.id,
      responsiveness,
      feesClarity,
      processExplanation,
      overall,
      body: demo.body,
      display: demo.display,
      featureConsent: demo.featureConsent,
      featured: demo.featured ?? false,
      reply: demo.reply ?? null,
      repliedAt: demo.reply ? new Date(reviewedAt.getTime() + DAY / 2) : null,
      createdAt: reviewedAt,
      updatedAt: reviewedAt,
    });
    // The counters move with the review, as the review service moves them.
    await db
      .update(proProfiles)
      .set({
        ratingCount: sql`${proProfiles.ratingCount} + 1`,
        ratingSum: sql`${proProfiles.ratingSum} + ${overall}`,
      })
      .where(eq(proProfiles.userId, proId));
  }
}
