import { z } from 'zod';
import { ZUrl } from './primitives';

export const streamProviders = ['youtube', 'vimeo', 'zoom', 'teams', 'google_meet'] as const;
export const ZStreamProvider = z.enum(streamProviders);
export type TStreamProvider = z.infer<typeof ZStreamProvider>;

/**
 * A stream or replay as the web app shows it: `embed` goes into an iframe (only YouTube's no-cookie
 * player and Vimeo's player, the hosts the CSP's `frame-src` allows), `join` is a button that opens
 * the provider. The URL is always rebuilt from the parts that were recognised, never the raw link.
 */
export const ZStream = z.object({
  provider: ZStreamProvider,
  kind: z.enum(['embed', 'join']),
  url: ZUrl,
});
export type TStream = z.infer<typeof ZStream>;

/** The hosts the web app may frame; the API's CSP `frame-src` lists exactly these. */
export const streamFrameOrigins = [
  'https://www.youtube-nocookie.com',
  'https://player.vimeo.com',
  'https://vimeo.com',
] as const;

const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com', 'youtu.be']);
const YOUTUBE_NOCOOKIE_HOSTS = new Set(['youtube-nocookie.com', 'www.youtube-nocookie.com']);
const VIMEO_HOSTS = new Set(['vimeo.com', 'www.vimeo.com']);
const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const DIGITS = /^\d{1,20}$/;
/** `https://<sub>.zoom.us` or `https://zoom.us`: one DNS label before `zoom.us`, nothing else. */
const ZOOM_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)?zoom\.us$/;
const MEET_CODE = /^[a-z]{3}-[a-z]{4}-[a-z]{3}$/;

function youtube(id: string | undefined | null): TStream | null {
  return id && YOUTUBE_ID.test(id)
    ? { provider: 'youtube', kind: 'embed', url: `https://www.youtube-nocookie.com/embed/${id}` }
    : null;
}

/**
 * Recognises a live stream or replay link of an allowed provider and returns what the web app may show,
 * or null for anything else: another host (lookalikes such as `youtube.com.evil.example` included),
 * another scheme (`javascript:`, `data:`, plain `http:`), credentials or a port in the URL, or a path
 * that is not a video, a meeting or a webinar of that provider.
 */
export function parseStreamLink(raw: string): TStream | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return null;
  const host = url.hostname.toLowerCase();
  const segments = url.pathname.split('/').filter(Boolean);

  if (YOUTUBE_HOSTS.has(host) || YOUTUBE_NOCOOKIE_HOSTS.has(host)) {
    if (host === 'youtu.be') return segments.length === 1 ? youtube(segments[0]) : null;
    const [first, second] = segments;
    if (first === 'watch' && segments.length === 1) return youtube(url.searchParams.get('v'));
    if ((first === 'live' || first === 'embed') && segments.length === 2) return youtube(second);
    return null;
  }

  if (VIMEO_HOSTS.has(host)) {
    const [first, second] = segments;
    if (segments.length === 1 && first && DIGITS.test(first)) {
      return { provider: 'vimeo', kind: 'embed', url: `https://player.vimeo.com/video/${first}` };
    }
    // Live events: vimeo.com/event/<id> (and its /embed form).
    if (
      first === 'event' &&
      second &&
      DIGITS.test(second) &&
      (segments.length === 2 || segments[2] === 'embed')
    ) {
      return { provider: 'vimeo', kind: 'embed', url: `https://vimeo.com/event/${second}/embed` };
    }
    return null;
  }
  if (host === 'player.vimeo.com') {
    const [first, second] = segments;
    if (first === 'video' && second && DIGITS.test(second) && segments.length === 2) {
      return { provider: 'vimeo', kind: 'embed', url: `https://player.vimeo.com/video/${second}` };
    }
    return null;
  }

  if (ZOOM_HOST.test(host)) {
    const [first, second] = segments;
    if ((first === 'j' || first === 'w') && second && /^\d{9,12}$/.test(second) && segments.length === 2) {
      // The passcode (`pwd`) and a webinar registration token (`tk`) are the only parameters kept.
      const kept = new URLSearchParams();
      for (const name of ['pwd', 'tk']) {
        const value = url.searchParams.get(name);
        if (value && /^[\w.-]{1,200}$/.test(value)) kept.set(name, value);
      }
      const query = kept.size > 0 ? `?${kept}` : '';
      return { provider: 'zoom', kind: 'join', url: `https://${host}/${first}/${second}${query}` };
    }
    return null;
  }

  if (host === 'teams.microsoft.com') {
    // Meeting and live event links: /l/meetup-join/…, /l/meeting/…, /l/broadcast/…
    if (segments[0] === 'l' && segments.length >= 2) {
      return {
        provider: 'teams',
        kind: 'join',
        url: `https://teams.microsoft.com${url.pathname}${url.search}`,
      };
    }
    return null;
  }

  if (host === 'meet.google.com') {
    const [code] = segments;
    if (segments.length === 1 && code && MEET_CODE.test(code)) {
      return { provider: 'google_meet', kind: 'join', url: `https://meet.google.com/${code}` };
    }
    return null;
  }

  return null;
}
