import { eq } from 'drizzle-orm';
import { addDays, computeExpiryDate, isoDay } from '../../modules/dossiers';
import type { Database } from '../../platform/db/database';
import type { BlobStore } from '../../platform/storage/blob-store';
import {
  assignmentRequests,
  checklistItems,
  documents,
  dossierChats,
  dossierMembers,
  dossierNotes,
  dossiers,
  messageReads,
  messages,
  milestones,
  users,
} from '../schema';
import { DAY, demoId, demoPdf, demoPng, describeFile, HOUR, putDemoFile } from './demo-common';

/** Candidates who are the demo pro's clients, or who asked him to take their dossier. */
export const demoCandidates = [
  { email: 'sofia.rossi@demo.capitune.ca', firstName: 'Sofia', lastName: 'Rossi', locale: 'en' },
  { email: 'linh.nguyen@demo.capitune.ca', firstName: 'Linh', lastName: 'Nguyen', locale: 'fr' },
  { email: 'youssef.amrani@demo.capitune.ca', firstName: 'Youssef', lastName: 'Amrani', locale: 'fr' },
  { email: 'emily.walker@demo.capitune.ca', firstName: 'Emily', lastName: 'Walker', locale: 'en' },
  { email: 'diego.morales@demo.capitune.ca', firstName: 'Diego', lastName: 'Morales', locale: 'fr' },
] as const;

interface DemoDocument {
  /** The checklist item's document type. */
  type: string;
  status: 'pending' | 'approved' | 'rejected';
  name: string;
  uploadedDaysAgo: number;
  rejectionReason?: string;
  /** The issue date, in days before today; the expiry date follows from the item's rule. */
  issuedDaysAgo?: number;
  /** An expiry date typed by hand (a passport's), in days from today. */
  expiresInDays?: number;
}

interface DemoDossier {
  key: string;
  owner: string;
  programId: string;
  status: 'draft' | 'preparing';
  createdDaysAgo: number;
  /** Days since the demo pro follows it; absent: no pro yet. */
  followedDays?: number;
  documents: DemoDocument[];
  milestones: {
    kind: typeof milestones.$inferInsert.kind;
    inDays: number;
    done: boolean;
    label?: string;
    note?: string;
  }[];
  messages: { fromOwner: boolean; hoursAgo: number; body: string }[];
  /** The firm's internal note. */
  note?: string;
  /** A request to the demo pro, waiting for his answer. */
  request?: { hoursAgo: number; message: string };
}

const pending = (type: string, name: string, uploadedDaysAgo: number, extra: Partial<DemoDocument> = {}) =>
  ({ type, status: 'pending', name, uploadedDaysAgo, ...extra }) as const;
const approved = (type: string, name: string, uploadedDaysAgo: number, extra: Partial<DemoDocument> = {}) =>
  ({ type, status: 'approved', name, uploadedDaysAgo, ...extra }) as const;

/**
 * The demo candidate's dossier in progress with the demo pro — documents approved, waiting, refused with
 * a reason, one expiring soon and some still missing; milestones done and upcoming; their conversation —
 * and the pro's other clients and requests.
 */
const demoDossiers: DemoDossier[] = [
  {
    key: 'amina',
    owner: 'candidat@demo.capitune.ca',
    programId: 'express_entry_fsw',
    status: 'preparing',
    createdDaysAgo: 100,
    followedDays: 96,
    documents: [
      approved('passport', 'passeport-amina-diallo.pdf', 30, { expiresInDays: 4 * 365 }),
      // Taken almost two years ago: valid for 24 months, it expires within the month.
      approved('language_test', 'resultats-tef-canada.pdf', 28, { issuedDaysAgo: 710 }),
      approved('educational_credential_assessment', 'evaluation-wes.pdf', 25, { issuedDaysAgo: 140 }),
      {
        type: 'employment_reference_letters',
        status: 'rejected',
        name: 'lettre-employeur-clinique.pdf',
        uploadedDaysAgo: 6,
        rejectionReason:
          'La lettre doit indiquer les heures travaillées par semaine, le salaire et les tâches principales. Demandez une nouvelle version signée à l’employeur.',
      },
      pending('proof_of_funds', 'releve-bancaire-octobre.pdf', 0, { issuedDaysAgo: 4 }),
      pending('photo', 'photo-identite.png', 0, { issuedDaysAgo: 5 }),
    ],
    milestones: [
      { kind: 'profile_submitted', inDays: -95, done: true },
      { kind: 'invitation_to_apply', inDays: -12, done: true, note: 'Tirage francophone, 489 points.' },
      { kind: 'other', inDays: 3, done: false, label: 'Appel de suivi avec Julien' },
      {
        kind: 'application_submitted',
        inDays: 35,
        done: false,
        note: 'Au plus tard 60 jours après l’invitation, et avant l’expiration du TEF.',
      },
    ],
    messages: [
      {
        fromOwner: false,
        hoursAgo: 11 * 24,
        body: 'Bonjour Amina, félicitations pour l’invitation\u00a0! J’ai préparé la liste des documents. Commencez par le certificat de police et l’examen médical\u00a0: ce sont les plus longs à obtenir.',
      },
      {
        fromOwner: true,
        hoursAgo: 11 * 24 - 2,
        body: 'Merci beaucoup\u00a0! Je fais la demande de casier judiciaire cette semaine. Pour l’examen médical, je dois aller à Dakar\u00a0?',
      },
      {
        fromOwner: false,
        hoursAgo: 10 * 24,
        body: 'Oui, chez un médecin désigné par IRCC. La liste des cliniques agréées au Sénégal est sur le site d’IRCC\u00a0; prenez rendez-vous dès que possible.',
      },
      {
        fromOwner: true,
        hoursAgo: 6 * 24,
        body: 'C’est fait, rendez-vous le 14. J’ai aussi téléversé la lettre de mon ancien employeur.',
      },
      {
        fromOwner: false,
        hoursAgo: 5 * 24,
        body: 'Merci. La lettre ne mentionne ni les heures par semaine ni le salaire\u00a0: je l’ai refusée avec le détail dans le dossier. Pouvez-vous demander une nouvelle version\u00a0?',
      },
      {
        fromOwner: true,
        hoursAgo: 4 * 24,
        body: 'D’accord, je les relance. Autre question\u00a0: mon TEF expire dans trois semaines, est-ce un problème\u00a0?',
      },
      {
        fromOwner: false,
        hoursAgo: 4 * 24 - 1,
        body: 'Il doit être valide le jour du dépôt. Nous visons un dépôt avant son expiration\u00a0; sinon, il faudra repasser le test. On en parle à notre appel de jeudi.',
      },
      {
        fromOwner: true,
        hoursAgo: 3,
        body: 'Parfait. J’ai ajouté ma photo et le relevé bancaire, pouvez-vous les vérifier\u00a0?',
      },
    ],
    note: 'TEF valide encore trois semaines\u00a0: si le dépôt glisse, prévoir une nouvelle session de test.',
  },
  {
    key: 'sofia',
    owner: 'sofia.rossi@demo.capitune.ca',
    programId: 'work_permit_employer',
    status: 'preparing',
    createdDaysAgo: 24,
    followedDays: 20,
    documents: [
      approved('passport', 'passport-sofia-rossi.pdf', 18, { expiresInDays: 3 * 365 }),
      pending('job_offer', 'job-offer-northwind.pdf', 2),
      pending('lmia_or_offer_number', 'lmia-approval.pdf', 1),
    ],
    milestones: [{ kind: 'application_submitted', inDays: 14, done: false }],
    messages: [
      {
        fromOwner: true,
        hoursAgo: 30,
        body: 'Hello Julien, the employer sent the signed offer and the LMIA approval, both are uploaded.',
      },
      {
        fromOwner: false,
        hoursAgo: 26,
        body: 'Thank you Sofia, I will check them today and tell you what is missing.',
      },
    ],
  },
  {
    key: 'linh',
    owner: 'linh.nguyen@demo.capitune.ca',
    programId: 'express_entry_cec',
    status: 'preparing',
    createdDaysAgo: 50,
    followedDays: 45,
    documents: [
      approved('passport', 'passeport-linh-nguyen.pdf', 40, { expiresInDays: 6 * 365 }),
      approved('canadian_status_document', 'permis-de-travail.pdf', 40, { expiresInDays: 240 }),
      pending('language_test', 'resultats-celpip.pdf', 3, { issuedDaysAgo: 30 }),
      pending('employment_reference_letters', 'lettres-employeur-canada.pdf', 3),
    ],
    milestones: [
      { kind: 'profile_submitted', inDays: -40, done: true },
      {
        kind: 'invitation_to_apply',
        inDays: 10,
        done: false,
        label: 'Prochain tirage expérience canadienne',
      },
    ],
    messages: [],
  },
  {
    key: 'youssef',
    owner: 'youssef.amrani@demo.capitune.ca',
    programId: 'quebec_skilled_worker',
    status: 'draft',
    createdDaysAgo: 2,
    documents: [],
    milestones: [],
    messages: [],
    request: {
      hoursAgo: 20,
      message:
        'Bonjour M.\u00a0Tremblay, j’ai reçu une invitation dans Arrima et je cherche un accompagnement pour ma demande de sélection permanente.',
    },
  },
  {
    key: 'emily',
    owner: 'emily.walker@demo.capitune.ca',
    programId: 'family_sponsorship_spouse',
    status: 'draft',
    createdDaysAgo: 3,
    documents: [],
    milestones: [],
    messages: [],
    request: {
      hoursAgo: 48,
      message:
        'Hello, I would like help with an inland spousal sponsorship for my husband, who is here as a visitor.',
    },
  },
  {
    key: 'diego',
    owner: 'diego.morales@demo.capitune.ca',
    programId: 'study_permit',
    status: 'draft',
    createdDaysAgo: 1,
    documents: [],
    milestones: [],
    messages: [],
    request: {
      hoursAgo: 5,
      message: 'Bonjour, je prépare mon CAQ et mon permis d’études pour une maîtrise à l’Université Laval.',
    },
  },
];

/**
 * Seeds the demo dossiers, each in one transaction and only when its row is missing (its id is fixed):
 * restarts add nothing, and what a demo user changed in a dossier stays as they left it.
 */
export async function seedDemoDossiers(db: Database, options: { now: Date; storage?: BlobStore }) {
  const { now, storage } = options;
  const today = isoDay(now);
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const [pro] = await db.select().from(users).where(eq(users.email, 'pro@demo.capitune.ca'));
  if (!pro?.organisationId) return;
  const organisationId = pro.organisationId;

  for (const demo of demoDossiers) {
    const [owner] = await db.select().from(users).where(eq(users.email, demo.owner));
    if (owner?.role !== 'candidate') continue;
    const id = demoId(`dossier:${demo.key}`);
    const memberId = demoId(`dossier:${demo.key}:principal`);
    const createdAt = at(demo.createdDaysAgo * 24);
    await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(dossiers)
        .values({
          id,
          ownerId: owner.id,
          programId: demo.programId,
          status: demo.status,
          organisationId: demo.followedDays === undefined ? null : organisationId,
          agentId: demo.followedDays === undefined ? null : pro.id,
          agentSince: demo.followedDays === undefined ? null : at(demo.followedDays * 24),
          createdAt,
          updatedAt: at(Math.min(...demo.messages.map((message) => message.hoursAgo), 24)),
        })
        .onConflictDoNothing()
        .returning({ id: dossiers.id });
      if (!created) return;
      await tx.insert(dossierMembers).values({
        id: memberId,
        dossierId: id,
        role: 'principal',
        fullName: `${owner.firstName} ${owner.lastName}`,
        createdAt,
      });

      for (const document of demo.documents) {
        const itemId = `${demo.programId}.${document.type}`;
        const [item] = await tx.select().from(checklistItems).where(eq(checklistItems.id, itemId));
        if (!item) continue;
        const documentId = demoId(`dossier:${demo.key}:${document.type}:1`);
        const isPng = document.name.endsWith('.png');
        const content = isPng ? demoPng : demoPdf(document.name);
        const contentType = isPng ? 'image/png' : 'application/pdf';
        const key = `dossiers/${id}/${documentId}`;
        // Without a store (a test of rows only), the row names a file that is not there.
        if (storage) await putDemoFile(storage, key, content, contentType);
        const issueDate =
          document.issuedDaysAgo === undefined ? null : addDays(today, -document.issuedDaysAgo);
        const uploadedAt = at(document.uploadedDaysAgo * 24 + 2);
        await tx.insert(documents).values({
          id: documentId,
          dossierId: id,
          itemId,
          memberId,
          version: 1,
          status: document.status,
          rejectionReason: document.rejectionReason ?? null,
          blobKey: key,
          ...describeFile(content, contentType),
          originalName: document.name,
          issueDate,
          expiryDate:
            document.expiresInDays === undefined
              ? computeExpiryDate(item.expiryRule, issueDate)
              : addDays(today, document.expiresInDays),
          expiryDateManual: document.expiresInDays !== undefined,
          uploadedBy: owner.id,
          reviewedBy: document.status === 'pending' ? null : pro.id,
          reviewedAt: document.status === 'pending' ? null : new Date(uploadedAt.getTime() + DAY),
          createdAt: uploadedAt,
        });
      }

      if (demo.milestones.length > 0) {
        await tx.insert(milestones).values(
          demo.milestones.map((milestone, index) => ({
            id: demoId(`dossier:${demo.key}:milestone:${index}`),
            dossierId: id,
            kind: milestone.kind,
            label: milestone.label ?? null,
            date: addDays(today, milestone.inDays),
            done: milestone.done,
            note: milestone.note ?? null,
            createdAt,
          })),
        );
      }

      if (demo.messages.length > 0) {
        await tx.insert(messages).values(
          demo.messages.map((message, index) => ({
            id: demoId(`dossier:${demo.key}:message:${index}`),
            dossierId: id,
            seq: index + 1,
            authorId: message.fromOwner ? owner.id : pro.id,
            clientId: demoId(`dossier:${demo.key}:message:${index}:client`),
            body: message.body,
            createdAt: at(message.hoursAgo),
          })),
        );
        const last = demo.messages.length;
        await tx.insert(dossierChats).values({ dossierId: id, lastSeq: last });
        // Each has read up to their own last message; no email about messages seeded before the start.
        await tx.insert(messageReads).values(
          [owner.id, pro.id].map((userId) => {
            const seen = demo.messages.findLastIndex((message) =>
              userId === owner.id ? message.fromOwner : !message.fromOwner,
            );
            return {
              dossierId: id,
              userId,
              lastReadSeq: seen + 1,
              readAt: seen >= 0 ? at(demo.messages[seen]?.hoursAgo ?? 0) : null,
              lastEmailedSeq: last,
              lastEmailAt: at(0),
            };
          }),
        );
      }

      if (demo.note) {
        await tx.insert(dossierNotes).values({
          id: demoId(`dossier:${demo.key}:note`),
          dossierId: id,
          organisationId,
          authorId: pro.id,
          body: demo.note,
          createdAt: at(4 * 24),
        });
      }

      if (demo.request) {
        await tx.insert(assignmentRequests).values({
          id: demoId(`dossier:${demo.key}:request`),
          dossierId: id,
          proId: pro.id,
          organisationId,
          message: demo.request.message,
          createdAt: at(demo.request.hoursAgo),
        });
      }
    });
  }
}
