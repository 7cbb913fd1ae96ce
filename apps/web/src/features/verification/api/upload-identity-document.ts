import { ZMyVerification } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadFile } from '../../../lib/upload';
import { myVerificationKey } from './keys';

/** The identity document: PDF or image, at most 10 MB (checked again from the bytes by the API). */
export const IDENTITY_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

export const uploadIdentityDocument = (file: File, onProgress: (fraction: number) => void) =>
  uploadFile('PUT', '/api/me/verification/identity-document', file, ZMyVerification, onProgress);

export function useUploadIdentityDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (fraction: number) => void }) =>
      uploadIdentityDocument(file, onProgress),
    onSuccess: (file) => queryClient.setQueryData(myVerificationKey, file),
  });
}
