import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate` (from apps/api) writes a migration for every schema change; commit it.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './src/db/migrations',
  casing: 'snake_case',
});
