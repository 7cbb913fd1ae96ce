import { useMutation } from '@tanstack/react-query';
import { downloadFile } from '../../../lib/upload';

export type VerificationFileKind = 'identity-document' | 'register-capture';

/** The identity document or the register capture of a file, downloaded (the API audits each download). */
export const downloadVerificationFile = (id: string, kind: VerificationFileKind, fileName: string) =>
  downloadFile(`/api/admin/verifications/${encodeURIComponent(id)}/${kind}`, fileName);

export const useDownloadVerificationFile = (id: string, kind: VerificationFileKind) =>
  useMutation({ mutationFn: (fileName: string) => downloadVerificationFile(id, kind, fileName) });
