import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';

const rec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
for (const scen of ['message-history', 'dossier-page', 'feed-page', 'calendar-month']) {
  for (const named of [false, true, false, true]) {
    const recs = rec[scen].recordings;
    let n = 0;
    const t = performance.now();
    await Promise.all(
      Array.from({ length: 20 }, async (_, w) => {
        const c = await pool.connect();
        for (let i = 0; i < 150; i++) {
          for (const s of recs[(w + i) % recs.length].statements) {
            await c.query({
              text: s.text,
              values: s.values,
              rowMode: s.rowMode,
              ...(named ? { name: createHash('sha1').update(s.text).digest('base64url') } : {}),
            });
          }
          n++;
        }
        c.release();
      }),
    );
    console.log(
      scen,
      named ? 'named  ' : 'unnamed',
      (n / ((performance.now() - t) / 1000)).toFixed(0),
      'req/s',
    );
  }
}
await pool.end();
