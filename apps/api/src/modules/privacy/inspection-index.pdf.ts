import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import type { TDocumentStatus, TDossierStatus, TLocale } from '@capitune/contracts';
import PDFDocument from 'pdfkit';
import { dateTimeFormat } from '../../lib/intl';

/**
 * The index of an inspection export: what `index.json` holds, and what `index.pdf` shows in the locale
 * asked. Codes (statuses, roles) stay codes in the JSON, for a program to read; the PDF names them.
 */
export interface InspectionIndex {
  format: 'capitune.inspection-export';
  formatVersion: 1;
  locale: TLocale;
  generatedAt: string;
  generatedBy: { id: string; name: string };
  /** `[from, to)`; both null for the whole file. */
  range: { from: string | null; to: string | null };
  dossier: {
    id: string;
    program: { id: string; name: string };
    fileNumber: string | null;
    status: TDossierStatus;
    firm: { id: string; name: string } | null;
    agent: { id: string; name: string } | null;
    owner: { id: string; name: string };
    members: { id: string; role: string; fullName: string }[];
    openedAt: string;
    closedAt: string | null;
    legalHold: { since: string; reason: string | null } | null;
  };
  serviceAgreement: { onFile: boolean; path: string };
  counts: {
    documentVersions: number;
    files: number;
    messages: number;
    milestones: number;
    auditEntries: number;
  };
  documents: InspectionIndexDocument[];
  files: { documents: string; messages: string[]; auditTrail: string; milestones: string };
}

export interface InspectionIndexDocument {
  id: string;
  item: { id: string; label: string } | null;
  member: { id: string; name: string; role: string };
  version: number;
  status: TDocumentStatus;
  /** The review's outcome, or null while pending (and for a version withdrawn before review). */
  decision: 'approved' | 'rejected' | null;
  reviewer: { id: string; name: string } | null;
  decidedAt: string | null;
  rejectionReason: string | null;
  uploadedAt: string;
  uploadedBy: { id: string; name: string } | null;
  originalName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  issueDate: string | null;
  expiryDate: string | null;
  /** Where the file is in the ZIP; null when the file was erased (a withdrawn version). */
  path: string | null;
}

const labels = {
  fr: {
    title: 'Dossier client\u00a0: index d’inspection',
    intro:
      'Exportation préparée pour une inspection. Les fichiers listés ici sont dans la même archive ZIP\u00a0; index.json donne les mêmes informations dans un format lisible par un programme.',
    file: 'Dossier',
    program: 'Programme',
    fileNumber: 'Numéro de dossier',
    status: 'Statut',
    firm: 'Cabinet',
    agent: 'Professionnel responsable',
    owner: 'Client',
    members: 'Personnes au dossier',
    openedAt: 'Ouvert le',
    closedAt: 'Fermé le',
    legalHold: 'Conservation pour motif juridique',
    legalHoldSince: 'depuis le',
    none: 'aucun',
    range: 'Période',
    wholeFile: 'Tout le dossier',
    from: 'du',
    to: 'au',
    toExclusive: '(exclu)',
    contents: 'Contenu',
    documentVersions: 'Versions de documents',
    files: 'Fichiers joints',
    messages: 'Messages',
    milestones: 'Étapes',
    auditEntries: 'Entrées du journal d’audit',
    agreement: 'Convention de service',
    agreementNone:
      'Aucune convention de service n’est encore versée au dossier sur la plateforme (voir service-agreement/README.txt).',
    documents: 'Documents et décisions',
    noDocuments: 'Aucun document dans la période.',
    otherDocuments: 'Autres documents',
    version: 'version',
    decision: 'Décision',
    pending: 'en attente d’examen',
    reviewer: 'par',
    reason: 'Motif',
    uploaded: 'Déposé le',
    size: 'Taille',
    bytes: 'octets',
    path: 'Fichier',
    erased: 'fichier effacé au retrait',
    otherFiles: 'Autres fichiers',
    otherFilesList:
      'messages.json et messages.csv\u00a0: la conversation. audit.json\u00a0: le journal d’audit du dossier. milestones.json\u00a0: les étapes.',
    generated: 'Généré le',
    generatedBy: 'par',
    timeZone: 'Heures de Montréal.',
  },
  en: {
    title: 'Client file: inspection index',
    intro:
      'Export prepared for an inspection. The files listed here are in the same ZIP archive; index.json gives the same information in a format a program can read.',
    file: 'Client file',
    program: 'Program',
    fileNumber: 'File number',
    status: 'Status',
    firm: 'Firm',
    agent: 'Professional in charge',
    owner: 'Client',
    members: 'People in the file',
    openedAt: 'Opened on',
    closedAt: 'Closed on',
    legalHold: 'Legal hold',
    legalHoldSince: 'since',
    none: 'none',
    range: 'Period',
    wholeFile: 'The whole file',
    from: 'from',
    to: 'to',
    toExclusive: '(excluded)',
    contents: 'Contents',
    documentVersions: 'Document versions',
    files: 'Attached files',
    messages: 'Messages',
    milestones: 'Milestones',
    auditEntries: 'Audit log entries',
    agreement: 'Service agreement',
    agreementNone: 'No service agreement is on file on the platform yet (see service-agreement/README.txt).',
    documents: 'Documents and decisions',
    noDocuments: 'No document in the period.',
    otherDocuments: 'Other documents',
    version: 'version',
    decision: 'Decision',
    pending: 'awaiting review',
    reviewer: 'by',
    reason: 'Reason',
    uploaded: 'Uploaded on',
    size: 'Size',
    bytes: 'bytes',
    path: 'File',
    erased: 'file erased when withdrawn',
    otherFiles: 'Other files',
    otherFilesList:
      'messages.json and messages.csv: the conversation. audit.json: the file’s audit trail. milestones.json: the milestones.',
    generated: 'Generated on',
    generatedBy: 'by',
    timeZone: 'Montréal times.',
  },
} as const;

const dossierStatuses: Record<TLocale, Record<TDossierStatus, string>> = {
  fr: {
    draft: 'Brouillon',
    preparing: 'En préparation',
    submitted: 'Soumis',
    processing: 'En traitement',
    approved: 'Accepté',
    refused: 'Refusé',
    closed: 'Fermé',
  },
  en: {
    draft: 'Draft',
    preparing: 'In preparation',
    submitted: 'Submitted',
    processing: 'In processing',
    approved: 'Approved',
    refused: 'Refused',
    closed: 'Closed',
  },
};

const documentStatuses: Record<TLocale, Record<TDocumentStatus, string>> = {
  fr: { pending: 'En examen', approved: 'Approuvé', rejected: 'Refusé', withdrawn: 'Retiré' },
  en: { pending: 'Under review', approved: 'Approved', rejected: 'Rejected', withdrawn: 'Withdrawn' },
};

const memberRoles: Record<TLocale, Record<string, string>> = {
  fr: {
    principal: 'Demandeur principal',
    spouse: 'Conjoint·e',
    dependant: 'Enfant à charge',
    sponsor: 'Répondant·e',
  },
  en: {
    principal: 'Principal applicant',
    spouse: 'Spouse or partner',
    dependant: 'Dependent child',
    sponsor: 'Sponsor',
  },
};

export function otherDocumentsLabel(locale: TLocale): string {
  return labels[locale].otherDocuments;
}

/**
 * DejaVu Sans, embedded (as a subset of the glyphs used): the standard PDF fonts cover Latin-1 only, and
 * names in a client file come from everywhere. Bitstream Vera licence, which allows embedding.
 */
const require = createRequire(import.meta.url);
const fonts = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

const MONTREAL = 'America/Toronto';

function formatters(locale: TLocale) {
  const tag = locale === 'fr' ? 'fr-CA' : 'en-CA';
  const instant = dateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short', timeZone: MONTREAL });
  const number = new Intl.NumberFormat(tag);
  return {
    instant: (value: string) => instant.format(new Date(value)),
    number: (value: number) => number.format(value),
  };
}

/**
 * `index.pdf`: headings and lines, no tables to break across pages. The document is produced when the ZIP
 * reaches its entry; its size follows the number of document versions, not their files.
 */
export function inspectionIndexPdf(index: InspectionIndex): Readable {
  const locale = index.locale;
  const text = labels[locale];
  const format = formatters(locale);
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 56,
    font: fonts.regular,
    lang: locale === 'fr' ? 'fr-CA' : 'en-CA',
    displayTitle: true,
    info: { Title: `${text.title} ${index.dossier.id}`, Author: index.generatedBy.name },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);

  const heading = (value: string) => {
    doc.moveDown(0.8).font('bold').fontSize(13).fillColor('#111111').text(value).moveDown(0.3);
    doc.font('regular').fontSize(10);
  };
  // French puts a non-breaking space before the colon.
  const colon = locale === 'fr' ? '\u00a0: ' : ': ';
  const field = (label: string, value: string) => {
    doc.font('bold').text(`${label}${colon}`, { continued: true });
    doc.font('regular').text(value);
  };
  const dash = '—';

  doc.font('bold').fontSize(18).text(text.title);
  doc.moveDown(0.3).font('regular').fontSize(9).fillColor('#444444').text(text.intro).fillColor('#111111');

  const { dossier } = index;
  heading(text.file);
  field(text.program, dossier.program.name);
  field(text.fileNumber, dossier.fileNumber ?? dash);
  field(text.status, dossierStatuses[locale][dossier.status]);
  field(text.firm, dossier.firm?.name ?? dash);
  field(text.agent, dossier.agent?.name ?? dash);
  field(text.owner, dossier.owner.name);
  field(
    text.members,
    dossier.members
      .map((member) => `${member.fullName} (${memberRoles[locale][member.role] ?? member.role})`)
      .join(', ') || dash,
  );
  field(text.openedAt, format.instant(dossier.openedAt));
  field(text.closedAt, dossier.closedAt ? format.instant(dossier.closedAt) : dash);
  field(
    text.legalHold,
    dossier.legalHold
      ? `${text.legalHoldSince} ${format.instant(dossier.legalHold.since)}${dossier.legalHold.reason ? ` ${dash} ${dossier.legalHold.reason}` : ''}`
      : text.none,
  );

  heading(text.range);
  const { from, to } = index.range;
  doc.text(
    from || to
      ? [
          from ? `${text.from} ${format.instant(from)}` : '',
          to ? `${text.to} ${format.instant(to)} ${text.toExclusive}` : '',
        ]
          .filter(Boolean)
          .join(' ')
      : text.wholeFile,
  );

  heading(text.contents);
  field(text.documentVersions, format.number(index.counts.documentVersions));
  field(text.files, format.number(index.counts.files));
  field(text.messages, format.number(index.counts.messages));
  field(text.milestones, format.number(index.counts.milestones));
  field(text.auditEntries, format.number(index.counts.auditEntries));

  heading(text.agreement);
  doc.text(index.serviceAgreement.onFile ? index.serviceAgreement.path : text.agreementNone);

  heading(text.documents);
  if (index.documents.length === 0) doc.text(text.noDocuments);
  for (const document of index.documents) {
    doc
      .moveDown(0.4)
      .font('bold')
      .fontSize(10)
      .text(
        `${document.item?.label ?? text.otherDocuments} ${dash} ${document.member.name} ${dash} ${text.version} ${document.version}`,
      );
    doc.font('regular').fontSize(9);
    const decision = document.decision
      ? `${documentStatuses[locale][document.decision]}${document.reviewer ? ` ${text.reviewer} ${document.reviewer.name}` : ''}${document.decidedAt ? `, ${format.instant(document.decidedAt)}` : ''}`
      : document.status === 'withdrawn'
        ? documentStatuses[locale].withdrawn
        : text.pending;
    field(text.decision, decision);
    if (document.rejectionReason) field(text.reason, document.rejectionReason);
    field(
      text.uploaded,
      `${format.instant(document.uploadedAt)}${document.uploadedBy ? ` ${text.reviewer} ${document.uploadedBy.name}` : ''}`,
    );
    field(text.size, `${format.number(document.sizeBytes)} ${text.bytes}`);
    field('SHA-256', document.sha256);
    field(text.path, document.path ?? `${document.originalName} (${text.erased})`);
  }

  heading(text.otherFiles);
  doc.text(text.otherFilesList);

  doc.moveDown(1.2).fontSize(9).fillColor('#444444');
  doc.text(
    `${text.generated} ${format.instant(index.generatedAt)} ${text.generatedBy} ${index.generatedBy.name}. ${text.timeZone}`,
  );
  doc.end();
  return doc;
}
