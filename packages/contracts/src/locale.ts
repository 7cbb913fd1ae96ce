import { z } from 'zod';

/** French first: the product's default language. */
export const locales = ['fr', 'en'] as const;
export const ZLocale = z.enum(locales);
export type TLocale = z.infer<typeof ZLocale>;
export const defaultLocale: TLocale = 'fr';
