import { ZAdminVerification } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadFile } from '../../../lib/upload';
import { verificationKeys } from './keys';

/** A capture of the regulator's public register page: image or PDF, at most 10 MB. */
export const REGISTER_CAPTURE_MAX_BYTES = 10 * 1024 * 1024;

export const uploadRegisterCapture = (id: string, file: File, onProgress: (fraction: number) => void) =>
  uploadFile(
    'PUT',
    `/api/admin/verifications/${encodeURIComponent(id)}/register-capture`,
    file,
    ZAdminVerification,
    onProgress,
  );

export function useUploadRegisterCapture(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (fraction: number) => void }) =>
      uploadRegisterCapture(id, file, onProgress),
    onSuccess: (file) => queryClient.setQueryData(verificationKeys.detail(id), file),
  });
}
