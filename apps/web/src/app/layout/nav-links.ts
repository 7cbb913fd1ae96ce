/**
 * The four modules: a page of their own (`to`), or their card in the home page's overview (`hash`) until
 * they have one.
 */
export const moduleLinks = [
  { hash: 'dossier', labelKey: 'nav.dossier' },
  { hash: 'inside', labelKey: 'nav.inside' },
  { to: '/live', labelKey: 'nav.live' },
  { hash: 'pros', labelKey: 'nav.pros' },
] as const;
