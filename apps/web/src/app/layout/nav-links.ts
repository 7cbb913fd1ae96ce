/**
 * The four modules: a page of their own where it exists, else their anchor in the home page's overview.
 */
export const moduleLinks = [
  { to: '/', hash: 'dossier', labelKey: 'nav.dossier' },
  { to: '/inside', hash: undefined, labelKey: 'nav.inside' },
  { to: '/live', hash: undefined, labelKey: 'nav.live' },
  { to: '/pros', hash: undefined, labelKey: 'nav.pros' },
] as const;
