import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import pg from 'pg';

const url = process.env.DATABASE_URL;
const secret = 'x'.repeat(64);
const db = new pg.Client({ connectionString: url });
await db.connect();
const {
  rows: [d],
} = await db.query(
  `select d.id, d.owner_id, d.agent_id from dossiers d join dossier_chats c on c.dossier_id=d.id where d.agent_id is not null and c.last_seq>=20 order by d.id limit 1`,
);
await db.end();
const user = process.env.AS === 'pro' ? d.agent_id : d.owner_id;
const token = await new SignJWT({
  role: process.env.AS === 'pro' ? 'pro' : 'candidate',
  sid: crypto.randomUUID(),
  ev: true,
})
  .setProtectedHeader({ alg: 'HS256' })
  .setSubject(user)
  .setIssuer('capitune')
  .setAudience('capitune-api')
  .setIssuedAt()
  .setExpirationTime('1h')
  .sign(new TextEncoder().encode(secret));
const child = spawn(
  process.execPath,
  [...(process.env.NOPROF ? [] : ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']), 'apps/api/dist/main.js'],
  {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: secret,
      PORT: '3470',
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch('http://127.0.0.1:3470/api/ready')).ok) break;
  } catch {}
  await sleep(200);
}
const path = process.env.P.replace(':id', d.id);
await autocannon({
  url: `http://127.0.0.1:3470${path}`,
  connections: 50,
  duration: 2,
  headers: { authorization: `Bearer ${token}` },
});
const r = await autocannon({
  url: `http://127.0.0.1:3470${path}`,
  connections: 50,
  duration: 8,
  headers: { authorization: `Bearer ${token}` },
});
console.log(path, r.requests.average, 'rps', r.latency.p50, r.latency.p99, 'non2xx', r.non2xx);
child.kill('SIGINT');
await new Promise((r) => child.once('exit', r));
