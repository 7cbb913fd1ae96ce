import type { TLicenceClass, TProfession, TRegulator } from '@capitune/contracts';
import { eq } from 'drizzle-orm';
import {
  dossierMembers,
  dossiers,
  organisations,
  proProfiles,
  proVerifications,
  users,
} from '../src/db/schema';
import { proSlug } from '../src/modules/pros';
import type { TestApp } from './app';
import { signUpAndLogIn } from './auth-helpers';
import { verifyPro } from './pro-helpers';

let counter = 0;

export interface DirectoryPro {
  id: string;
  slug: string;
}

/**
 * A pro written straight into the database (no sign-up: no token, no password check), for directory
 * tests that need many: account, firm, verification file and profile.
 */
export async function insertPro(
  t: TestApp,
  options: {
    firstName?: string;
    lastName?: string;
    firm?: string | null;
    status?: 'verified' | 'pending' | 'suspended' | 'expired';
    renewalDate?: string | null;
    verifiedSince?: Date;
    accountStatus?: 'active' | 'suspended';
    profession?: TProfession;
    regulator?: TRegulator;
    licenceClass?: TLicenceClass | null;
    languages?: string[];
    provinces?: string[];
    programs?: string[];
    city?: string | null;
    remote?: boolean;
    inPerson?: boolean;
    acceptingClients?: boolean;
    bio?: { fr: string; en: string };
    ratingCount?: number;
    ratingSum?: number;
    /** Shown in the directory by choice; default true. */
    listed?: boolean;
  } = {},
): Promise<DirectoryPro> {
  counter += 1;
  const db = t.database.db;
  const [firm] =
    options.firm === null
      ? [undefined]
      : await db
          .insert(organisations)
          .values({ name: options.firm ?? `Cabinet ${counter}` })
          .returning({ id: organisations.id });
  const [user] = await db
    .insert(users)
    .values({
      email: `directory-pro-${counter}-${Date.now()}@example.ca`,
      passwordHash: 'not-a-hash',
      role: 'pro',
      status: options.accountStatus ?? 'active',
      firstName: options.firstName ?? 'Jeanne',
      lastName: options.lastName ?? `Pro${counter}`,
      organisationId: firm?.id ?? null,
      emailVerifiedAt: new Date(),
    })
    .returning({ id: users.id, firstName: users.firstName, lastName: users.lastName });
  if (!user) throw new Error('insertPro: no user');
  const now = t.app.deps.clock.now();
  const status = options.status ?? 'verified';
  const regulator = options.regulator ?? 'cicc';
  await db.insert(proVerifications).values({
    userId: user.id,
    profession: options.profession ?? 'rcic',
    regulator,
    licenceNumber:
      regulator === 'cicc' ? `R${String(700000 + counter).padStart(6, '0')}` : `${100000 + counter}`,
    licenceClass:
      options.licenceClass === undefined ? (regulator === 'cicc' ? 'L2' : null) : options.licenceClass,
    status,
    submittedAt: now,
    checkedAt: status === 'pending' ? null : now,
    verifiedSince: status === 'pending' ? null : (options.verifiedSince ?? now),
    renewalDate: options.renewalDate === undefined ? '2099-12-31' : options.renewalDate,
  });
  const slug = proSlug(user.firstName, user.lastName, user.id);
  await db.insert(proProfiles).values({
    userId: user.id,
    slug,
    bio: options.bio ?? { fr: 'Consultante en immigration.', en: 'Immigration consultant.' },
    languages: options.languages ?? ['fr'],
    provinces: options.provinces ?? ['QC'],
    programs: options.programs ?? [],
    city: options.city ?? null,
    remote: options.remote ?? true,
    inPerson: options.inPerson ?? false,
    acceptingClients: options.acceptingClients ?? true,
    ratingCount: options.ratingCount ?? 0,
    ratingSum: options.ratingSum ?? 0,
    listed: options.listed ?? true,
  });
  return { id: user.id, slug };
}

/** A pro who signs up and logs in (with a unique licence), verified unless told otherwise. */
export async function signedInPro(
  t: TestApp,
  options: { verified?: boolean; firstName?: string; lastName?: string; organisationName?: string } = {},
) {
  counter += 1;
  const pro = await signUpAndLogIn(t.app, t.database, {
    role: 'pro',
    firstName: options.firstName ?? 'Julien',
    lastName: options.lastName ?? 'Tremblay',
    licenceNumber: `R${String(600000 + ((Date.now() + counter) % 99999)).padStart(6, '0')}`,
    licenceClass: 'L1',
    organisationName: options.organisationName ?? `Tremblay Immigration ${counter}`,
  });
  if (options.verified !== false) await verifyPro(t, pro.userId);
  // Reading one's own profile makes it when sign-up did not.
  await t.app.inject({ method: 'GET', url: '/api/me/pro-profile', headers: pro.auth });
  const [profile] = await t.database.db
    .select({ slug: proProfiles.slug })
    .from(proProfiles)
    .where(eq(proProfiles.userId, pro.userId));
  return { ...pro, slug: profile?.slug ?? '' };
}

/**
 * A dossier of the candidate followed by `proId` since `agentSince`, written directly (with its principal
 * applicant): opening and assigning dossiers are the dossiers module's, tested there.
 */
export async function followedDossier(
  t: TestApp,
  candidate: { userId: string },
  proId: string,
  agentSince: Date,
  status: 'preparing' | 'closed' = 'preparing',
): Promise<string> {
  const db = t.database.db;
  const [owner] = await db.select().from(users).where(eq(users.id, candidate.userId));
  const [pro] = await db
    .select({ organisationId: users.organisationId })
    .from(users)
    .where(eq(users.id, proId));
  if (!owner) throw new Error(`followedDossier: no user ${candidate.userId}`);
  const [dossier] = await db
    .insert(dossiers)
    .values({
      ownerId: owner.id,
      programId: 'express_entry_fsw',
      status,
      organisationId: pro?.organisationId ?? null,
      agentId: proId,
      agentSince,
      createdAt: agentSince,
      updatedAt: agentSince,
    })
    .returning({ id: dossiers.id });
  if (!dossier) throw new Error('followedDossier: no dossier');
  await db
    .insert(dossierMembers)
    .values({ dossierId: dossier.id, role: 'principal', fullName: `${owner.firstName} ${owner.lastName}` });
  return dossier.id;
}
