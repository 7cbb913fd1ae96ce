import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { regulatorInfo } from '@capitune/contracts';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from '../lib/errors';
import { listedProfile, professionLabel } from '../modules/pros';

type Lang = 'fr' | 'en';

/** French unless the request's Accept-Language ranks English above French. */
export function preferredLanguage(header: string | undefined): Lang {
  let best: { lang: Lang; q: number } | null = null;
  for (const part of (header ?? '').split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const lang = tag.startsWith('en') ? 'en' : tag.startsWith('fr') ? 'fr' : null;
    if (!lang) continue;
    const qParam = params.find((param) => param.trim().startsWith('q='));
    const q = qParam ? Number(qParam.trim().slice(2)) : 1;
    if (!Number.isNaN(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'fr';
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** At most `max` characters, cut at a word. */
function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

const directoryMeta: Record<Lang, { title: string; description: string }> = {
  fr: {
    title: 'Professionnels de l’immigration vérifiés',
    description:
      'Trouvez un consultant réglementé en immigration (CRIC), un avocat ou un notaire dont le permis est vérifié\u00a0: langues, provinces, spécialités et avis de clients.',
  },
  en: {
    title: 'Verified immigration professionals',
    description:
      'Find a regulated immigration consultant (RCIC), lawyer or notary whose licence is verified: languages, provinces, specialties and client reviews.',
  },
};

/** The page's own title and description in `index.html` (the client router sets them again once loaded). */
function withMeta(html: string, lang: Lang, meta: { title: string; description: string }): string {
  return html
    .replace(/<html([^>]*)\blang="[^"]*"/, `<html$1lang="${lang}"`)
    .replace(/<title>[\s\S]*?<\/title>/, `<title>${escapeHtml(`${meta.title} · CAPITUNE`)}</title>`)
    .replace(
      /<meta\s+name="description"[^>]*>/,
      `<meta name="description" content="${escapeHtml(meta.description)}" />`,
    );
}

/**
 * The test of "is this URL one of the app's pages", from the path patterns the web build writes next to
 * `index.html` (`/dossiers/$dossierId`: a `$` segment matches any one segment). Without that file (an
 * older build) every path counts as a page.
 */
export function pageMatcher(patterns: readonly string[] | null): (pathname: string) => boolean {
  if (!patterns) return () => true;
  const escapeRegex = (segment: string) => segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const regexes = patterns.map((pattern) => {
    const segments = pattern.split('/').filter(Boolean);
    const body = segments
      .map((segment) => (segment.startsWith('$') ? '/[^/]+' : `/${escapeRegex(segment)}`))
      .join('');
    // Like the client router: case-insensitive, with or without a trailing slash.
    return new RegExp(`^${body}/?$`, 'i');
  });
  return (pathname) => regexes.some((regex) => regex.test(pathname));
}

function readPagePaths(webDistDir: string): string[] | null {
  try {
    const paths: unknown = JSON.parse(readFileSync(path.join(webDistDir, 'page-paths.json'), 'utf8'));
    return Array.isArray(paths) && paths.every((item) => typeof item === 'string') ? paths : null;
  } catch {
    return null;
  }
}

/**
 * Serves the built web app: hashed assets cached for a year, the app's pages answered with `index.html`
 * so the client router can take them, and any other path with `index.html` too but as a 404 (the app
 * shows its "page not found" screen). Unknown `/api/*` paths get a 404 problem instead.
 */
export async function registerWebApp(app: FastifyInstance, webDistDir: string) {
  const hasWebApp = existsSync(path.join(webDistDir, 'index.html'));
  if (hasWebApp) {
    await app.register(fastifyStatic, {
      root: webDistDir,
      wildcard: false,
      index: false,
      setHeaders(res, filePath) {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  } else {
    app.log.warn({ webDistDir }, 'web app not built: only the API is served (run `npm run build`)');
  }

  // `/pros` and `/pros/<slug>` get real titles and descriptions in the HTML itself, for search engines and
  // link previews that do not run the app: French unless the browser prefers English.
  const indexHtml = hasWebApp ? readFileSync(path.join(webDistDir, 'index.html'), 'utf8') : '';
  const pagePaths = hasWebApp ? readPagePaths(webDistDir) : null;
  if (hasWebApp && !pagePaths) {
    app.log.warn({ webDistDir }, 'page-paths.json missing from the web build: unknown pages answer 200');
  }
  const isPage = pageMatcher(pagePaths);
  async function proPageMeta(pathname: string, lang: Lang) {
    if (/^\/pros\/?$/.test(pathname)) return directoryMeta[lang];
    const slug = /^\/pros\/([a-z0-9-]{1,120})\/?$/.exec(pathname)?.[1];
    if (!slug) return null;
    const profile = await listedProfile(app.deps.db, slug, app.deps.clock.now());
    if (!profile) return null;
    const name = `${profile.first_name} ${profile.last_name}`;
    const profession = professionLabel[profile.profession][lang];
    const bio = (lang === 'en' ? profile.bio_en || profile.bio_fr : profile.bio_fr || profile.bio_en) ?? '';
    const regulator = regulatorInfo[profile.regulator].name[lang];
    const firm = profile.organisation_name ? `, ${profile.organisation_name}` : '';
    const fallback =
      lang === 'en'
        ? `${name}, ${profession}${firm}. Licence verified with the ${regulator}.`
        : `${name}, ${profession}${firm}. Permis vérifié auprès de l’organisme\u00a0: ${regulator}.`;
    return {
      title:
        lang === 'en' ? `${name}, ${profession}, licence verified` : `${name}, ${profession}, permis vérifié`,
      description: shorten(bio || fallback, 160),
    };
  }

  app.setNotFoundHandler(async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const isApi = pathname === '/api' || pathname.startsWith('/api/') || pathname === '/metrics';
    // A missing file (`/assets/old-hash.js`) is a 404, not the app's HTML.
    const isFile = /\.[a-z0-9]+$/i.test(pathname);
    if (isApi || isFile || !hasWebApp || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return sendProblem(reply, 'ROUTE_NOT_FOUND', { detail: `${request.method} ${pathname}` });
    }
    reply.header('cache-control', 'no-cache');
    if (!isPage(pathname)) {
      return reply.code(404).type('text/html; charset=utf-8').send(indexHtml);
    }
    if (pathname === '/pros' || pathname.startsWith('/pros/')) {
      const lang = preferredLanguage(request.headers['accept-language']);
      const meta = await proPageMeta(pathname, lang);
      if (meta) {
        return reply
          .header('vary', 'accept-language')
          .type('text/html; charset=utf-8')
          .send(withMeta(indexHtml, lang, meta));
      }
    }
    return reply.sendFile('index.html');
  });
}
