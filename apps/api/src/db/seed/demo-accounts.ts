/**
 * The accounts a person trying CAPITUNE on their own machine logs in with. Seeded only in embedded
 * mode (or with SEED_DEMO=true), never in production.
 */
export const demoPassword = 'Capitune-Demo-2026';

export const demoAccounts = [
  {
    email: 'candidat@demo.capitune.ca',
    role: 'candidate',
    firstName: 'Amina',
    lastName: 'Diallo',
    locale: 'fr',
  },
  { email: 'pro@demo.capitune.ca', role: 'pro', firstName: 'Julien', lastName: 'Tremblay', locale: 'fr' },
  { email: 'admin@demo.capitune.ca', role: 'admin', firstName: 'Sophie', lastName: 'Gagnon', locale: 'fr' },
  // A pro whose verification waits for an admin, with a licence conflict (demo-pros.ts).
  { email: 'pro2@demo.capitune.ca', role: 'pro', firstName: 'Marc', lastName: 'Gauthier', locale: 'fr' },
  // A pro whose two-factor grace is over: only the security page is open until a factor is set up.
  { email: 'pro3@demo.capitune.ca', role: 'pro', firstName: 'Nadia', lastName: 'Roy', locale: 'fr' },
] as const;

/** The demo pro who must set up a second factor before anything else (grace ended the day before the seed). */
export const demoProPastGrace = 'pro3@demo.capitune.ca';

/** The demo pro's firm and CICC register number (the rest of their file: demo-pros.ts). */
export const demoPro = {
  email: 'pro@demo.capitune.ca',
  organisationName: 'Tremblay Immigration',
  licenceNumber: 'R700123',
};
