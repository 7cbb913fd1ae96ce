import { ZNote } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';
import { dossierKeys, dossierPath } from './keys';

const ZNoteList = z.object({ items: z.array(ZNote) });
export type TNote = z.infer<typeof ZNote>;

/** `GET /api/dossiers/{id}/notes`: the firm's internal notes (never shown to the candidate). */
export const listNotes = async (dossierId: string) =>
  (await apiFetch(dossierPath(dossierId, '/notes'), { schema: ZNoteList })).items;

export const useNotes = (dossierId: string) =>
  useQuery({ queryKey: dossierKeys.notes(dossierId), queryFn: () => listNotes(dossierId) });
