import type { TLocale } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { downloadFile } from '../../../lib/upload';
import { dossierPath } from './keys';

/**
 * `GET /api/dossiers/{id}/archive?locale=…`: the current documents as one ZIP, folders and file names in
 * `locale`. A whole dossier is a sensitive export: the person confirms it is them first (step-up).
 */
export const downloadArchive = (dossierId: string, locale: TLocale): Promise<void> =>
  downloadFile(dossierPath(dossierId, `/archive?locale=${locale}`), `dossier-${dossierId.slice(0, 8)}.zip`);

export const useDownloadArchive = (dossierId: string) =>
  useMutation({ mutationFn: (locale: TLocale) => downloadArchive(dossierId, locale) });
