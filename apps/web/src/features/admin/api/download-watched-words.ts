import { useMutation } from '@tanstack/react-query';
import { downloadFile } from '../../../lib/upload';

/** Every watched word as CSV (word, locale, action, tag), saved by the browser. */
export const downloadWatchedWords = (fileName: string) =>
  downloadFile('/api/admin/watched-words.csv', fileName);

export const useDownloadWatchedWords = () => useMutation({ mutationFn: downloadWatchedWords });
