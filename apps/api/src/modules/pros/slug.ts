/**
 * A pro's profile address: their name without accents, and six characters of their id so that namesakes
 * differ. Computed once, at sign-up, and kept (the migration gave existing pros the same shape).
 */
export function proSlug(firstName: string, lastName: string, userId: string): string {
  const name = `${firstName}-${lastName}`
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return `${name || 'pro'}-${userId.replace(/-/g, '').slice(0, 6)}`;
}
