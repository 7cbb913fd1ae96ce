import { PRIVACY_POLICY_VERSION, TERMS_VERSION } from '@capitune/contracts';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database';

/** The demo's accounts: all under this domain. */
const DEMO_DOMAIN = '%@demo.capitune.ca';

/**
 * The demo accounts agreed to the terms and the policy in force (as a sign-up records it), and the demo
 * reviewers who let their review be featured to testimonials: the demo is not asked again at sign-in.
 * Idempotent: an agreement already recorded at these versions is not written twice.
 */
export async function seedDemoConsents(db: Database, now: Date): Promise<void> {
  await db.execute(sql`
    insert into consents (user_id, purpose, granted, version, source, created_at)
    select u.id, p.purpose, true, p.version, 'sign_up', ${now}
    from users u
    cross join (values ('terms'::consent_purpose, ${TERMS_VERSION}::text),
      ('privacy_policy'::consent_purpose, ${PRIVACY_POLICY_VERSION}::text)) as p(purpose, version)
    where u.email like ${DEMO_DOMAIN}
      and not exists (select 1 from consents c
        where c.user_id = u.id and c.purpose = p.purpose and c.granted and c.version = p.version)`);
  await db.execute(sql`
    insert into consents (user_id, purpose, granted, version, source, created_at)
    select distinct r.author_id, 'testimonials'::consent_purpose, true, ${PRIVACY_POLICY_VERSION}, 'review', ${now}::timestamptz
    from pro_reviews r join users u on u.id = r.author_id
    where r.feature_consent and u.email like ${DEMO_DOMAIN}
      and not exists (select 1 from consents c where c.user_id = r.author_id and c.purpose = 'testimonials')`);
}
