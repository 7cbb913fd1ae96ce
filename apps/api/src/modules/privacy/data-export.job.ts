import { pipeline, Readable, Transform } from 'node:stream';
import type { TLocale } from '@capitune/contracts';
import yazl from 'yazl';
import type { AppDeps } from '../../deps';
import { CSV_BOM, csvLine } from '../../lib/csv';
import { dateTimeFormat, isTimeZone } from '../../lib/intl';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import { type QueueName, queuePolicies } from '../../platform/jobs/jobs';
import { cleanFileName } from '../../platform/storage/upload';
import { exportReadyEmail } from './data-export.emails';
import {
  beginExportSnapshot,
  claimExport,
  type ExportFile,
  exportRecipient,
  filesOf,
  markExportFailed,
  markExportReady,
  sectionHeader,
  sectionRows,
} from './data-export.queries';
import { type ExportedSection, exportedSections } from './export-sections';
import { EXPORT_LINK_DAYS } from './retention-rules';

export const EXPORT_BUILD_QUEUE = 'privacy.export-build' satisfies QueueName;

export interface ExportBuildJob {
  exportId: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Reading a large account's rows may take longer than a request's statement limit. */
const EXPORT_STATEMENT_TIMEOUT_MS = 120_000;

/** Where an export's ZIP is kept (encrypted at rest like every file of the store). */
export const exportBlobKey = (userId: string, exportId: string) => `exports/${userId}/${exportId}.zip`;

/** The worker's entry: the last try marks the export failed, earlier ones leave it to the retry. */
export async function runExportBuild(
  deps: AppDeps,
  job: { data: ExportBuildJob; retryCount: number },
): Promise<void> {
  const { retryLimit } = queuePolicies(deps.config.jobs)[EXPORT_BUILD_QUEUE];
  await buildDataExport(deps, job.data.exportId, { final: job.retryCount >= retryLimit });
}

/**
 * Builds one export: the ZIP is streamed into the file store as it is written (rows read in batches
 * through a cursor, files read one at a time), so memory stays flat whatever the account's size. A retry
 * writes the file anew under the same key. Ready: the person is emailed a link to their privacy page.
 */
export async function buildDataExport(
  deps: AppDeps,
  exportId: string,
  options: { final?: boolean } = {},
): Promise<void> {
  const claimed = await claimExport(deps.db, exportId);
  if (!claimed) return;
  const person = await exportRecipient(deps.db, claimed.userId);
  if (!person) return;
  const key = exportBlobKey(claimed.userId, exportId);
  try {
    const sizeBytes = await writeExport(deps, key, {
      id: claimed.userId,
      email: person.email,
      locale: person.locale,
      timeZone: person.timeZone,
    });
    const readyAt = deps.clock.now();
    const expiresAt = new Date(readyAt.getTime() + EXPORT_LINK_DAYS * DAY_MS);
    await withTransaction(deps.pool, async (tx) => {
      await markExportReady(tx.db, exportId, { blobKey: key, sizeBytes, readyAt, expiresAt });
      if (!person.deletedAt) {
        await deps.outbox.enqueue(
          tx,
          exportReadyEmail(person, expiresAt, `${deps.config.publicUrl}/profile/privacy`),
        );
      }
    });
  } catch (error) {
    await markExportFailed(deps.db, exportId, String(error).slice(0, 1000), options.final ?? true);
    throw error;
  }
}

interface ExportPerson {
  id: string;
  email: string;
  locale: TLocale;
  timeZone: string;
}

/** Writes the ZIP under `key`; returns its size in bytes. */
async function writeExport(deps: AppDeps, key: string, person: ExportPerson): Promise<number> {
  const exportedAt = deps.clock.now();
  return withTransaction(
    deps.pool,
    async (tx) => {
      await beginExportSnapshot(tx);
      const files: ExportFile[] = [];
      const missing: ExportFile[] = [];
      for (const file of await filesOf(tx, person.id)) {
        ((await deps.storage.exists(file.blobKey)) ? files : missing).push(file);
      }
      const zip = new yazl.ZipFile();
      let size = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          done(null, chunk);
        },
      });
      const output = pipeline(zip.outputStream as Readable, counted, () => undefined) as Transform;
      const fail = (error: Error) => output.destroy(error);
      zip.on('error', fail);
      const lazy = (name: string, compress: boolean, open: () => Promise<Readable> | Readable) =>
        zip.addReadStreamLazy(name, { mtime: exportedAt, compress }, (give) => {
          Promise.resolve()
            .then(open)
            .then((stream) => {
              if (output.destroyed) {
                stream.destroy();
                return;
              }
              stream.once('error', fail);
              give(null, stream);
            }, fail);
        });
      const text = (chunks: () => AsyncGenerator<string>) => () =>
        Readable.from(
          (async function* () {
            for await (const chunk of chunks()) yield Buffer.from(chunk, 'utf8');
          })(),
          { objectMode: false },
        );

      const sections = exportedSections();
      zip.addBuffer(Buffer.from(readme(sections, files, missing, exportedAt, person), 'utf8'), 'README.txt', {
        mtime: exportedAt,
      });
      for (const [table, section] of sections) {
        if (section.single) {
          lazy(
            `${section.file}.json`,
            true,
            text(() => singleJson(tx, table, section, person)),
          );
          continue;
        }
        lazy(
          `${section.file}.json`,
          true,
          text(() => jsonArray(tx, table, section, person)),
        );
        lazy(
          `${section.file}.csv`,
          true,
          text(() => csv(tx, table, section, person)),
        );
      }
      zipPaths(files).forEach((path, index) => {
        const file = files[index] as ExportFile;
        lazy(path, false, () => deps.storage.get(file.blobKey));
      });
      zip.end();
      try {
        await deps.storage.put(key, output, 'application/zip');
      } catch (error) {
        // A store that gave up: the files and the cursor being read are released with the ZIP.
        output.destroy();
        throw error;
      }
      return size;
    },
    { statementTimeoutMs: EXPORT_STATEMENT_TIMEOUT_MS },
  );
}

/* ------------------------------------------------------------ the formats */

async function* singleJson(tx: Transaction, table: string, section: ExportedSection, person: ExportPerson) {
  let row: Record<string, unknown> | undefined;
  for await (const rows of sectionRows(tx, table, section, person)) row ??= rows[0];
  yield `${JSON.stringify(row ?? null, null, 2)}\n`;
}

/** A JSON array, one row a line, written batch by batch. */
async function* jsonArray(tx: Transaction, table: string, section: ExportedSection, person: ExportPerson) {
  yield '[';
  let first = true;
  for await (const rows of sectionRows(tx, table, section, person)) {
    const lines = rows.map((row) => JSON.stringify(row)).join(',\n');
    yield `${first ? '\n' : ',\n'}${lines}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}

function csvValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** CSV as the API writes it everywhere (`lib/csv.ts`): BOM, commas, CRLF, formulas neutralised. */
async function* csv(tx: Transaction, table: string, section: ExportedSection, person: ExportPerson) {
  const header = sectionHeader(section);
  yield `${CSV_BOM}${csvLine(header)}`;
  for await (const rows of sectionRows(tx, table, section, person)) {
    yield rows.map((row) => csvLine(header.map((name) => csvValue(row[name])))).join('');
  }
}

/* ------------------------------------------------------------ files and README */

/** A file name inside the archive: no separators, no `..`. */
function entryName(name: string): string {
  return cleanFileName(name.replace(/[\\/]/g, '-').replace(/^\.+$/, ''));
}

/** `files/documents/<document id>-<name>`: the id ties the file to its row in data/documents. */
function zipPaths(files: readonly ExportFile[]): string[] {
  return files.map((file) =>
    file.kind === 'photo'
      ? `files/photo/${entryName(file.name)}`
      : `files/${file.kind}/${file.id}-${entryName(file.name)}`,
  );
}

/** The README's groups of files, in both languages. */
const groups: { tables: string[]; fr: string; en: string }[] = [
  {
    tables: ['users'],
    fr: 'Votre profil (profile.json)',
    en: 'Your profile (profile.json)',
  },
  {
    tables: [
      'sessions',
      'known_devices',
      'email_tokens',
      'one_time_codes',
      'sign_in_challenges',
      'totp_factors',
      'recovery_codes',
      'passkeys',
      'webauthn_challenges',
    ],
    fr: 'Connexions et sécurité (sans aucun secret : mots de passe, codes et jetons ne sont jamais exportés)',
    en: 'Sign-ins and security (without any secret: passwords, codes and tokens are never exported)',
  },
  {
    tables: ['consents', 'data_exports', 'account_deletions', 'automated_decisions', 'user_tags'],
    fr: 'Consentements, demandes sur vos données, décisions automatisées, étiquettes des administrateurs',
    en: 'Consents, requests about your data, automated decisions, the admins’ labels',
  },
  {
    tables: [
      'dossiers',
      'dossier_members',
      'milestones',
      'documents',
      'messages',
      'message_reads',
      'assignment_requests',
      'dossier_invitations',
    ],
    fr: 'Mon dossier : vos dossiers, leurs membres, jalons, documents et toute leur conversation',
    en: 'My file: your dossiers, their members, milestones, documents and their whole conversation',
  },
  {
    tables: ['posts', 'comments', 'post_likes', 'comment_likes', 'flags'],
    fr: 'Inside : vos publications, commentaires, mentions « j’aime » et signalements',
    en: 'Inside: your posts, comments, likes and reports',
  },
  {
    tables: ['events', 'event_co_hosts', 'event_registrations', 'calendar_feeds', 'notifications'],
    fr: 'Live et notifications : webinaires animés, inscriptions, calendriers, notifications',
    en: 'Live and notifications: webinars hosted, registrations, calendars, notifications',
  },
  {
    tables: [
      'pro_verifications',
      'pro_profiles',
      'pro_reviews',
      'firm_agents',
      'firm_agent_invitations',
      'licence_conflicts',
    ],
    fr: 'Professionnels : vérification du permis, profil, avis écrits ou reçus, cabinet',
    en: 'Professionals: licence verification, profile, reviews written or received, firm',
  },
  {
    tables: ['audit_log'],
    fr: 'Journal d’audit : vos actions et celles qui visent votre compte',
    en: 'Audit log: your actions and those about your account',
  },
];

const NBSP = '\u00a0';
/** French typography: a no-break space before : ; ! ? and inside « ». */
const frenchSpacing = (text: string) => text.replace(/ ([:;!?»])/g, `${NBSP}$1`).replace(/« /g, `«${NBSP}`);

function readme(
  sections: [string, ExportedSection][],
  files: readonly ExportFile[],
  missing: readonly ExportFile[],
  exportedAt: Date,
  person: ExportPerson,
): string {
  const when = (locale: TLocale) =>
    dateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: isTimeZone(person.timeZone) ? person.timeZone : 'America/Toronto',
    }).format(exportedAt);
  const fileOf = new Map(sections.map(([table, section]) => [table, section]));
  const listing = (locale: TLocale) =>
    groups
      .map((group) => {
        const names = group.tables
          .map((table) => fileOf.get(table))
          .filter((section): section is ExportedSection => section !== undefined)
          .map((section) => (section.single ? `${section.file}.json` : `${section.file}.json / .csv`));
        return `- ${group[locale]}\n${names.map((name) => `    ${name}`).join('\n')}`;
      })
      .join('\n');
  const missingLine = (locale: TLocale) =>
    missing.length === 0
      ? ''
      : locale === 'fr'
        ? `\nFichiers introuvables dans le stockage (signalez-le-nous) : ${missing.map((file) => file.name).join(', ')}\n`
        : `\nFiles not found in the store (please tell us): ${missing.map((file) => file.name).join(', ')}\n`;
  const fr = frenchSpacing(`CAPITUNE — Export de vos données personnelles
Date de l’export : ${when('fr')} (UTC ${exportedAt.toISOString()})

Ce fichier ZIP contient les renseignements personnels que CAPITUNE détient sur vous (Loi 25, art. 27 ;
LPRPDE, principe 4.9), dans des formats ouverts et courants :
- JSON (UTF-8) : un tableau d’objets par fichier, un objet par ligne ; profile.json est un seul objet.
- CSV (UTF-8 avec BOM, séparateur virgule, fin de ligne CRLF) : les mêmes lignes, pour un tableur ;
  les valeurs structurées (listes, objets) y sont écrites en JSON ; une cellule commençant par = + - @
  est précédée d’une apostrophe pour qu’un tableur ne l’exécute pas.
- Les dates sont en UTC au format ISO 8601 ; les identifiants sont des UUID. Une colonne « *_is_you »
  vaut true quand la ligne est de vous (sans nommer les autres personnes).
- files/ : les ${files.length} fichiers que vous avez déposés, tels quels (documents/<id du document>-<nom>, où l’id
  renvoie à data/documents ; verification/ ; photo/).

Contenu de data/ :
${listing('fr')}
${missingLine('fr')}
Ne sont pas exportés : les secrets (empreintes de mots de passe, de codes et de jetons, secret de
l’application d’authentification), les notes internes d’un cabinet, et les renseignements sur d’autres
personnes. Le lien de téléchargement fonctionne ${EXPORT_LINK_DAYS} jours ; le fichier est ensuite supprimé.
`);
  const en = `CAPITUNE — Export of your personal data
Date of the export: ${when('en')} (UTC ${exportedAt.toISOString()})

This ZIP file holds the personal information CAPITUNE keeps about you (Québec's Law 25 s. 27; PIPEDA
Principle 4.9), in open, commonly used formats:
- JSON (UTF-8): an array of objects per file, one object a line; profile.json is a single object.
- CSV (UTF-8 with a BOM, comma-separated, CRLF line ends): the same rows, for a spreadsheet; structured
  values (lists, objects) are written as JSON; a cell starting with = + - @ gets a leading apostrophe so
  that a spreadsheet does not run it.
- Dates are in UTC, ISO 8601; identifiers are UUIDs. A column "*_is_you" is true when the row is yours
  (without naming other people).
- files/: the ${files.length} files you uploaded, as they are (documents/<document id>-<name>, the id pointing to
  data/documents; verification/; photo/).

What data/ holds:
${listing('en')}
${missingLine('en')}
Not exported: secrets (hashes of passwords, codes and tokens, the authenticator secret), a firm's
internal notes, and information about other people. The download link works ${EXPORT_LINK_DAYS} days; the
file is deleted afterwards.
`;
  const [first, second] = person.locale === 'en' ? [en, fr] : [fr, en];
  return `${first}\n${'-'.repeat(72)}\n\n${second}`.replace(/\n/g, '\r\n');
}
