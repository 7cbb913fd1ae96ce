import { type TDocument, ZDocument } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadFile } from '../../../lib/upload';
import { dossierPath } from './keys';
import { refreshDossier } from './refresh-dossier';

export interface UploadFields {
  itemId: string | null;
  memberId: string;
  issueDate?: string | null | undefined;
  expiryDate?: string | null | undefined;
}

/**
 * `POST /api/dossiers/{id}/documents`: a file for a checklist line (or an extra document), with progress;
 * a 401 renews the session once and sends the file again (`uploadFile`).
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
  return uploadFile('POST', dossierPath(dossierId, '/documents'), file, ZDocument, onProgress, {
    fields: form,
    signal,
  });
}

export interface UploadInput {
  fields: UploadFields;
  file: File;
  onProgress: (fraction: number) => void;
}

export function useUploadDocument(dossierId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ fields, file, onProgress }: UploadInput) =>
      uploadDocument(dossierId, fields, file, onProgress),
    onSuccess: () => refreshDossier(queryClient, dossierId),
  });
}
