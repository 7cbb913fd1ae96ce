import { ZDossier } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { dossierKeys, dossierPath } from './keys';

/** `GET /api/dossiers/{id}`: the dossier with its checklist, documents, milestones and pro. */
export const getDossier = (dossierId: string) => apiFetch(dossierPath(dossierId), { schema: ZDossier });

export const useDossier = (dossierId: string) =>
  useQuery({ queryKey: dossierKeys.detail(dossierId), queryFn: () => getDossier(dossierId) });
