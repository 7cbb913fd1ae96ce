import {
  PROBLEM_CONTENT_TYPE,
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
import { ApiError, apiFetch, toApiError } from '../../../lib/api-client';
import { session } from '../../../lib/auth';

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

/**
 * Downloads a document: the file needs the access token, so it is fetched as a blob and saved through a
 * short-lived object URL, under its original name.
 */
export async function downloadDocument(document: Pick<TDocument, 'id' | 'originalName'>): Promise<void> {
  let response: Response;
  try {
    response = await session.fetch(`/api/documents/${encodeURIComponent(document.id)}/download`, {
      headers: { accept: `*/*, ${PROBLEM_CONTENT_TYPE}` },
    });
  } catch (error) {
    throw new ApiError({ status: 0, code: 'NETWORK', cause: error });
  }
  if (!response.ok) throw await toApiError(response);
  const url = URL.createObjectURL(await response.blob());
  const link = window.document.createElement('a');
  link.href = url;
  link.download = document.originalName;
  link.rel = 'noopener';
  window.document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export interface UploadFields {
  itemId: string | null;
  memberId: string;
  issueDate?: string | null | undefined;
  expiryDate?: string | null | undefined;
}

/** Turns the XMLHttpRequest's answer into a Response, to read errors as `apiFetch` does. */
function toResponse(xhr: XMLHttpRequest): Response {
  const headers = new Headers();
  for (const line of xhr
    .getAllResponseHeaders()
    .trim()
    .split(/[\r\n]+/)) {
    const index = line.indexOf(':');
    if (index > 0) headers.append(line.slice(0, index).trim(), line.slice(index + 1).trim());
  }
  return new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, headers });
}

function sendUpload(
  dossierId: string,
  fields: UploadFields,
  file: File,
  token: string | null,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<Response> {
  // The fields go before the file: the server reads them first, then streams the file.
  const form = new FormData();
  form.append('itemId', fields.itemId ?? '');
  form.append('memberId', fields.memberId);
  if (fields.issueDate) form.append('issueDate', fields.issueDate);
  if (fields.expiryDate) form.append('expiryDate', fields.expiryDate);
  form.append('file', file, file.name);

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path(dossierId, '/documents'));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', `application/json, ${PROBLEM_CONTENT_TYPE}`);
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => resolve(toResponse(xhr));
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'NETWORK' }));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/**
 * Uploads a file to a checklist line (or as an extra document) with XMLHttpRequest, whose upload
 * reports progress (fetch's does not). A 401 renews the session once and sends the file again.
 */
export async function uploadDocument(
  dossierId: string,
  fields: UploadFields,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<TDocument> {
  const token = session.getAccessToken();
  let response = await sendUpload(dossierId, fields, file, token, onProgress, signal);
  if (response.status === 401 && token && (await session.refresh())) {
    onProgress(0);
    response = await sendUpload(dossierId, fields, file, session.getAccessToken(), onProgress, signal);
  }
  if (!response.ok) throw await toApiError(response);
  try {
    return ZDocument.parse(await response.json());
  } catch (error) {
    throw new ApiError({ status: response.status, code: 'INTERNAL', cause: error });
  }
}
