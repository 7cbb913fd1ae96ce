import { z } from 'zod';

/** Canada's provinces and territories (two-letter postal codes). */
export const provinces = [
  'AB',
  'BC',
  'MB',
  'NB',
  'NL',
  'NS',
  'NT',
  'NU',
  'ON',
  'PE',
  'QC',
  'SK',
  'YT',
] as const;
export const ZProvince = z.enum(provinces);
export type TProvince = z.infer<typeof ZProvince>;
