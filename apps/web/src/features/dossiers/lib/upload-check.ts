import { allowedUploadTypes, MAX_UPLOAD_BYTES } from '@capitune/contracts';

/** Extensions of the accepted types, for files the browser gives no type (HEIC often has none). */
const allowedExtensions = ['pdf', 'jpg', 'jpeg', 'png', 'heic', 'heif', 'webp'];

/** For the file picker: types and extensions, so every platform's picker offers the right files. */
export const acceptAttribute = [...allowedUploadTypes, ...allowedExtensions.map((ext) => `.${ext}`)].join(
  ',',
);

export type UploadProblem = 'FILE_TYPE_NOT_ALLOWED' | 'PAYLOAD_TOO_LARGE' | 'UPLOAD_INCOMPLETE';

/**
 * What can be told before sending: an empty file, one over 20 MB, or one that is plainly not a PDF or
 * an image. The server decides from the bytes in the end (a renamed file is caught there).
 */
export function checkUpload(file: Pick<File, 'name' | 'size' | 'type'>): UploadProblem | null {
  if (file.size === 0) return 'UPLOAD_INCOMPLETE';
  if (file.size > MAX_UPLOAD_BYTES) return 'PAYLOAD_TOO_LARGE';
  const extension = file.name.includes('.') ? file.name.split('.').pop()?.toLowerCase() : undefined;
  const typeAllowed = (allowedUploadTypes as readonly string[]).includes(file.type.toLowerCase());
  const extensionAllowed = extension !== undefined && allowedExtensions.includes(extension);
  // A known type is enough; without one (or with a generic one), the extension decides.
  if (typeAllowed) return null;
  if ((file.type === '' || file.type === 'application/octet-stream') && extensionAllowed) return null;
  if (file.type === 'image/heif' && extensionAllowed) return null;
  return 'FILE_TYPE_NOT_ALLOWED';
}
