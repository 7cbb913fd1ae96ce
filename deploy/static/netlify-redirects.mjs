// Run by netlify.toml's build command after the web build: writes apps/web/dist/_redirects so that
// /api/* (and the text messages' short links, /l/*) is proxied to the API origin in API_URL (netlify.toml cannot read environment variables in
// its [[redirects]]). Netlify applies _redirects before netlify.toml's rules. Without API_URL nothing
// is written and netlify.toml's default target applies.
//   API_URL=https://api.capitune.ca node deploy/static/netlify-redirects.mjs
import { existsSync, writeFileSync } from 'node:fs';

const dist = new URL('../../apps/web/dist/', import.meta.url);
const raw = process.env.API_URL?.trim();

if (!raw) {
  console.log('[netlify-redirects] API_URL unset: /api/* goes to the default of netlify.toml');
  process.exit(0);
}

let origin;
try {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.hostname !== 'localhost') throw new Error('not https');
  if (url.pathname !== '/' || url.search || url.hash) throw new Error('not an origin');
  origin = url.origin;
} catch (error) {
  console.error(
    `[netlify-redirects] API_URL must be an https origin such as https://api.capitune.ca (${error.message})`,
  );
  process.exit(1);
}

if (!existsSync(new URL('index.html', dist))) {
  console.error('[netlify-redirects] apps/web/dist/index.html is missing: run the web build first');
  process.exit(1);
}

// `200!`: a forced rewrite (proxy), whatever the static files.
// /l/* too: the short links of text messages are the API's (a signed code, then a redirect into the app).
writeFileSync(
  new URL('_redirects', dist),
  `/api/*  ${origin}/api/:splat  200!\n/l/*  ${origin}/l/:splat  200!\n`,
);
console.log(`[netlify-redirects] /api/* -> ${origin}/api/:splat, /l/* -> ${origin}/l/:splat`);
