import type { TStatsPeriod } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { downloadFile } from '../../../lib/upload';

/** The statistics of a period as CSV, fetched with the session and saved by the browser. */
export const downloadStats = (days: TStatsPeriod, fileName: string) =>
  downloadFile(`/api/admin/stats.csv?${new URLSearchParams({ days })}`, fileName);

export const useDownloadStats = () =>
  useMutation({
    mutationFn: ({ days, fileName }: { days: TStatsPeriod; fileName: string }) =>
      downloadStats(days, fileName),
  });
