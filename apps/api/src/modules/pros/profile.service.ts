import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { TMyProProfile, TMyProProfileBody } from '@capitune/contracts';
import { fileTypeFromBuffer } from 'file-type';
import type { AppDeps } from '../../deps';
import { AppError, fieldError, InvariantError } from '../../lib/errors';
import { withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import { photoUrl } from './directory.mappers';
import {
  activeProgramIds,
  insertProfile,
  lockedPhoto,
  type PhotoRef,
  type ProfileRecord,
  profileRow,
  updateProfile,
  userName,
} from './profile.queries';
import { proSlug } from './slug';

/** A profile photo: 5 MB at most, JPEG, PNG or WebP as the bytes say. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const photoTypes = ['image/jpeg', 'image/png', 'image/webp'];

/** True once the profile says enough for candidates: a bio (one language at least), languages, provinces. */
export function profileComplete(profile: Pick<ProfileRecord, 'bio' | 'languages' | 'provinces'>): boolean {
  return (
    (profile.bio.fr.trim() !== '' || profile.bio.en.trim() !== '') &&
    profile.languages.length > 0 &&
    profile.provinces.length > 0
  );
}

function toMyProfile(row: ProfileRecord): TMyProProfile {
  return {
    slug: row.slug,
    photoUrl: photoUrl(row.slug, row.photo?.sha256 ?? null),
    bio: row.bio,
    languages: row.languages as TMyProProfile['languages'],
    provinces: row.provinces as TMyProProfile['provinces'],
    city: row.city,
    remote: row.remote,
    inPerson: row.inPerson,
    acceptingClients: row.acceptingClients,
    programs: row.programs,
    listed: row.listed,
    complete: profileComplete(row),
  };
}

function assertPro(viewer: Caller) {
  if (viewer.role !== 'pro') throw new AppError('FORBIDDEN', 'Only professionals have a public profile');
}

/** The pro's profile row; made now if sign-up predates profiles (the migration made the others). */
async function profileOf(deps: AppDeps, userId: string): Promise<ProfileRecord> {
  const row = await profileRow(deps.db, userId);
  if (row) return row;
  const user = await userName(deps.db, userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  await insertProfile(deps.db, userId, proSlug(user.firstName, user.lastName, userId));
  const made = await profileRow(deps.db, userId);
  if (!made) throw new InvariantError('profile insert returned nothing');
  return made;
}

export async function getMyProProfile(deps: AppDeps, viewer: Caller): Promise<TMyProProfile> {
  assertPro(viewer);
  return toMyProfile(await profileOf(deps, viewer.id));
}

/** The pro writes their public profile; specialties must be programs of the catalogue. */
export async function updateMyProProfile(
  deps: AppDeps,
  viewer: Caller,
  body: TMyProProfileBody,
): Promise<TMyProProfile> {
  assertPro(viewer);
  const programIds = [...new Set(body.programs)];
  if (programIds.length > 0) {
    const knownIds = await activeProgramIds(deps.db, programIds);
    const unknown = programIds.findIndex((id) => !knownIds.has(id));
    if (unknown >= 0) {
      throw fieldError(
        `body.programs.${body.programs.indexOf(programIds[unknown] as string)}`,
        'unknown_program',
        'Not a program of the catalogue',
      );
    }
  }
  await profileOf(deps, viewer.id);
  const row = await updateProfile(deps.db, viewer.id, {
    bio: body.bio,
    languages: [...new Set(body.languages)],
    provinces: [...new Set(body.provinces)],
    city: body.city || null,
    remote: body.remote,
    inPerson: body.inPerson,
    acceptingClients: body.acceptingClients,
    programs: programIds,
    // Shown in the directory only when the pro says so; an older form that does not send it keeps it.
    ...(body.listed === undefined ? {} : { listed: body.listed }),
    updatedAt: deps.clock.now(),
  });
  await deps.readCache.invalidate('pros_directory');
  return toMyProfile(row);
}

/**
 * Replaces the pro's photo. The type comes from the bytes (JPEG, PNG, WebP); the old file is deleted
 * once the new one is recorded, so the profile always points at a file that exists.
 */
export async function uploadProPhoto(
  deps: AppDeps,
  viewer: Caller,
  file: { content: Buffer; truncated: boolean },
): Promise<TMyProProfile> {
  assertPro(viewer);
  if (file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', 'Photos are limited to 5 MB');
  if (file.content.length === 0) throw new AppError('UPLOAD_INCOMPLETE', 'The file is empty');
  const type = await fileTypeFromBuffer(file.content);
  if (!type || !photoTypes.includes(type.mime)) {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', `Detected type: ${type?.mime ?? 'unknown'}`);
  }
  await profileOf(deps, viewer.id);
  const now = deps.clock.now();
  const photo: PhotoRef = {
    key: `pros/${viewer.id}/photo-${randomUUID()}`,
    contentType: type.mime,
    sizeBytes: file.content.length,
    sha256: createHash('sha256').update(file.content).digest('hex'),
    uploadedAt: now.toISOString(),
  };
  await deps.storage.put(photo.key, Readable.from([file.content]), type.mime);
  let previous: PhotoRef | null = null;
  let row: ProfileRecord;
  try {
    row = await withTransaction(deps.pool, async (tx) => {
      previous = await lockedPhoto(tx.db, viewer.id);
      return updateProfile(tx.db, viewer.id, { photo, updatedAt: now });
    });
  } catch (error) {
    await deps.storage.delete(photo.key);
    throw error;
  }
  const old = previous as PhotoRef | null;
  if (old) await deps.storage.delete(old.key).catch(() => undefined);
  await deps.readCache.invalidate('pros_directory');
  return toMyProfile(row);
}
