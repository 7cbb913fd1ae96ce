import { z } from 'zod';

/**
 * A timestamp in a raw row (`db.execute`): the driver leaves it as PostgreSQL's text
 * (`2026-01-01 12:00:00.123456+00`), which the mappers read with `new Date()`.
 */
export const ZTime = z.string();
