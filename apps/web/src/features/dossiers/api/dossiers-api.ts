import {
  type TDocument,
  type TDossier,
  type TDossierStatus,
  type TMember,
  type TMemberRole,
  type TMilestone,
  type TMilestoneKind,
  ZDocument,
  ZDossier,
  ZDossierPage,
  ZMember,
  ZMilestone,
  ZNote,
  ZProDirectoryPage,
  ZProProfile,
  ZReviewable,
} from '@capitune/contracts';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';
import { downloadFile, uploadFile } from '../../../lib/upload';

const path = (dossierId: string, rest = '') => `/api/dossiers/${encodeURIComponent(dossierId)}${rest}`;

export interface DossierFilters {
  status?: TDossierStatus | undefined;
  programId?: string | undefined;
}

export function listDossiers(filters: DossierFilters, cursor?: string) {
  const query = new URLSearchParams({ limit: '20' });
  if (filters.status) query.set('status', filters.status);
  if (filters.programId) query.set('programId', filters.programId);
  if (cursor) query.set('cursor', cursor);
  return apiFetch(`/api/dossiers?${query}`, { schema: ZDossierPage });
}

export const getDossier = (dossierId: string) => apiFetch(path(dossierId), { schema: ZDossier });

export const createDossier = (body: { programId: string; principalDateOfBirth?: string | null }) =>
  apiFetch('/api/dossiers', { method: 'POST', body, schema: ZDossier });

export const updateDossier = (
  dossierId: string,
  patch: { status?: TDossierStatus; fileNumber?: string | null },
): Promise<TDossier> => apiFetch(path(dossierId), { method: 'PATCH', body: patch, schema: ZDossier });

export const addMember = (
  dossierId: string,
  body: { role: Exclude<TMemberRole, 'principal'>; fullName: string; dateOfBirth?: string | null },
): Promise<TMember> => apiFetch(path(dossierId, '/members'), { method: 'POST', body, schema: ZMember });

export const removeMember = (dossierId: string, memberId: string) =>
  apiFetch(path(dossierId, `/members/${encodeURIComponent(memberId)}`), { method: 'DELETE' });

export interface MilestoneInput {
  kind: TMilestoneKind;
  label: string | null;
  date: string | null;
  done: boolean;
  note: string | null;
}

export const addMilestone = (dossierId: string, body: MilestoneInput): Promise<TMilestone> =>
  apiFetch(path(dossierId, '/milestones'), { method: 'POST', body, schema: ZMilestone });

export const updateMilestone = (
  dossierId: string,
  milestoneId: string,
  body: Partial<MilestoneInput>,
): Promise<TMilestone> =>
  apiFetch(path(dossierId, `/milestones/${encodeURIComponent(milestoneId)}`), {
    method: 'PATCH',
    body,
    schema: ZMilestone,
  });

export const removeMilestone = (dossierId: string, milestoneId: string) =>
  apiFetch(path(dossierId, `/milestones/${encodeURIComponent(milestoneId)}`), { method: 'DELETE' });

const ZNoteList = z.object({ items: z.array(ZNote) });
export type TNote = z.infer<typeof ZNote>;

export const listNotes = async (dossierId: string) =>
  (await apiFetch(path(dossierId, '/notes'), { schema: ZNoteList })).items;

export const addNote = (dossierId: string, body: string) =>
  apiFetch(path(dossierId, '/notes'), { method: 'POST', body: { body }, schema: ZNote });

export function listPros(query: string, cursor?: string) {
  const params = new URLSearchParams({ limit: '20' });
  if (query.trim()) params.set('q', query.trim());
  if (cursor) params.set('cursor', cursor);
  return apiFetch(`/api/pros?${params}`, { schema: ZProDirectoryPage });
}

/** A pro chosen in the directory (`?pro=<slug>`), shown first and selected in the chooser. */
export const getPro = (slug: string) =>
  apiFetch(`/api/pros/${encodeURIComponent(slug)}`, { schema: ZProProfile });

const ZReviewableList = z.array(ZReviewable);

/** The candidate's dossiers whose pro they may review, or whose review they may edit. */
export const listReviewable = () => apiFetch('/api/me/reviewable', { schema: ZReviewableList });

export const requestAssignment = (dossierId: string, body: { proId: string; message: string | null }) =>
  apiFetch(path(dossierId, '/assignment'), { method: 'POST', body });

export const endAssignment = (dossierId: string) =>
  apiFetch(path(dossierId, '/assignment'), { method: 'DELETE' });

export type ReviewDecision = { decision: 'approve' } | { decision: 'reject'; reason: string };

export const reviewDocument = (documentId: string, body: ReviewDecision): Promise<TDocument> =>
  apiFetch(`/api/documents/${encodeURIComponent(documentId)}/review`, {
    method: 'POST',
    body,
    schema: ZDocument,
  });

export const withdrawDocument = (documentId: string): Promise<TDocument> =>
  apiFetch(`/api/documents/${encodeURIComponent(documentId)}/withdraw`, {
    method: 'POST',
    schema: ZDocument,
  });

export const updateDocumentDates = (
  documentId: string,
  body: { issueDate?: string | null; expiryDate?: string | null },
): Promise<TDocument> =>
  apiFetch(`/api/documents/${encodeURIComponent(documentId)}`, { method: 'PATCH', body, schema: ZDocument });

/** Downloads a document under its original name (the file needs the access token). */
export const downloadDocument = (document: Pick<TDocument, 'id' | 'originalName'>): Promise<void> =>
  downloadFile(`/api/documents/${encodeURIComponent(document.id)}/download`, document.originalName);

export interface UploadFields {
  itemId: string | null;
  memberId: string;
  issueDate?: string | null | undefined;
  expiryDate?: string | null | undefined;
}

/**
 * Uploads a file to a checklist line (or as an extra document), with progress; a 401 renews the session
 * once and sends the file again (`uploadFile`).
 */
export function uploadDocument(
  dossierId: string,
  fields: UploadFields,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<TDocument> {
  const form: Record<string, string> = { itemId: fields.itemId ?? '', memberId: fields.memberId };
  if (fields.issueDate) form.issueDate = fields.issueDate;
  if (fields.expiryDate) form.expiryDate = fields.expiryDate;
  return uploadFile('POST', path(dossierId, '/documents'), file, ZDocument, onProgress, {
    fields: form,
    signal,
  });
}
