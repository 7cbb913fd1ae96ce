import type { TAuditFilter } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { downloadFile } from '../../../lib/upload';
import { auditQueryString } from '../routes/audit-search';

/** The entries the filters select as CSV, fetched with the session and saved by the browser (the API audits it). */
export const downloadAudit = (filter: TAuditFilter, fileName: string) =>
  downloadFile(`/api/admin/audit.csv?${auditQueryString(filter)}`, fileName);

export const useDownloadAudit = () =>
  useMutation({
    mutationFn: ({ filter, fileName }: { filter: TAuditFilter; fileName: string }) =>
      downloadAudit(filter, fileName),
  });
