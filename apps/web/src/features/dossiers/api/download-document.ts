import type { TDocument } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { downloadFile } from '../../../lib/upload';
import { documentPath } from './keys';

type DownloadTarget = Pick<TDocument, 'id' | 'originalName'>;

/** `GET /api/documents/{id}/download`, saved under its original name (the file needs the access token). */
export const downloadDocument = (document: DownloadTarget): Promise<void> =>
  downloadFile(documentPath(document.id, '/download'), document.originalName);

export const useDownloadDocument = () => useMutation({ mutationFn: downloadDocument });
