/** The four modules, anchored in the home page's overview until their own pages exist. */
export const moduleLinks = [
  { hash: 'dossier', labelKey: 'nav.dossier' },
  { hash: 'inside', labelKey: 'nav.inside' },
  { hash: 'live', labelKey: 'nav.live' },
  { hash: 'pros', labelKey: 'nav.pros' },
] as const;
