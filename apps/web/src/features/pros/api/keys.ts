import type { DirectorySearch } from '../routes/search';

/**
 * Query keys of the directory. Profiles and reviews say what the viewer may do (`mine`); the whole cache
 * is cleared when the user changes, so the keys need not name the user. The signed-in person's own data
 * starts with `me`.
 */
export const prosKeys = {
  all: ['pros'] as const,
  directory: (filters: DirectorySearch) => ['pros', 'directory', filters] as const,
  profile: (slug: string) => ['pros', 'profile', slug] as const,
  reviews: (slug: string) => ['pros', 'reviews', slug] as const,
  reviewable: ['me', 'reviewable'] as const,
  myProfile: ['me', 'pro-profile'] as const,
  myOpenDossiers: ['me', 'dossiers', 'list', { for: 'pros' }] as const,
};

export const slugPath = (slug: string, rest = '') => `/api/pros/${encodeURIComponent(slug)}${rest}`;
export const reviewPath = (id: string, rest = '') => `/api/reviews/${encodeURIComponent(id)}${rest}`;
