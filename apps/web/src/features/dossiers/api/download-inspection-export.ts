import type { TLocale } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { downloadFile } from '../../../lib/upload';
import { dossierPath } from './keys';

export interface InspectionExportRequest {
  /** ISO date-times; both optional: the whole file when neither is given. */
  from?: string | undefined;
  to?: string | undefined;
  /** The language of the index. */
  locale: TLocale;
}

/**
 * `POST /api/dossiers/{id}/inspection-export`: the bundle an inspector asks for (service agreement,
 * documents with their versions and decisions, messages, the file's audit trail, milestones, an index
 * in PDF and JSON) as one ZIP. A sensitive export: the person confirms it is them first (step-up).
 */
export const downloadInspectionExport = (dossierId: string, request: InspectionExportRequest) =>
  downloadFile(dossierPath(dossierId, '/inspection-export'), `inspection-${dossierId.slice(0, 8)}.zip`, {
    method: 'POST',
    body: {
      locale: request.locale,
      ...(request.from ? { from: request.from } : {}),
      ...(request.to ? { to: request.to } : {}),
    },
  });

export const useDownloadInspectionExport = (dossierId: string) =>
  useMutation({
    mutationFn: (request: InspectionExportRequest) => downloadInspectionExport(dossierId, request),
  });
