import type { ZNote } from '@capitune/contracts';
import type { z } from 'zod';
import type { AppDeps } from '../../deps';
import { InvariantError } from '../../lib/errors';
import { type Caller, dossierFor } from '../access';
import { insertNote, notesOf } from './dossier-parts.queries';
import { toNote } from './dossiers.mapper';
import { personRow } from './dossiers.queries';

/** Internal notes of the firm in charge: other firms (after a hand-off) and the candidate never see them. */

type TNote = z.infer<typeof ZNote>;

export async function listNotes(deps: AppDeps, caller: Caller, dossierId: string): Promise<TNote[]> {
  const { reach } = await dossierFor(deps.db, caller, dossierId, deps.clock.now(), { only: 'pro' });
  const rows = await notesOf(deps.db, dossierId, reach.organisationId ?? '');
  return rows.map(({ note, author }) => toNote(note, author));
}

export async function addNote(
  deps: AppDeps,
  caller: Caller,
  dossierId: string,
  body: string,
): Promise<TNote> {
  const { dossier } = await dossierFor(deps.db, caller, dossierId, deps.clock.now(), { only: 'pro' });
  const author = await personRow(deps.db, caller.id);
  const note = await insertNote(deps.db, {
    dossierId,
    organisationId: dossier.organisationId ?? '',
    authorId: caller.id,
    body,
    createdAt: deps.clock.now(),
  });
  // The access check read the caller's row: a pro of the firm in charge exists.
  if (!author) throw new InvariantError('the author of a note has no row');
  return toNote(note, author);
}
