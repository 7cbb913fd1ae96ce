/** Where a person lands after logging in when nothing else is asked for. */
export const defaultAfterLogin = '/dashboard';

/** Pages that make no sense to come back to once signed in. */
const authPaths = ['/login', '/signup', '/forgot-password', '/reset-password'];

const placeholderOrigin = 'https://capitune.invalid';

/**
 * The `?redirect=` of the login page, reduced to a path of this site: `/profile?tab=x#y` passes, while
 * `https://evil.example`, `//evil.example`, `/\evil.example`, `javascript:…` and anything odd give the
 * default. Returns a path with its query and hash, always starting with a single `/`.
 */
export function safeRedirect(value: unknown, fallback: string = defaultAfterLogin): string {
  if (typeof value !== 'string') return fallback;
  const candidate = value.trim();
  // Only a path: one leading slash, not followed by another slash or a backslash (protocol-relative).
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\'))
    return fallback;
  // Control characters and backslashes can be normalised by browsers into something else.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
  if (/[\u0000-\u001f\u007f\\]/.test(candidate)) return fallback;
  let url: URL;
  try {
    url = new URL(candidate, placeholderOrigin);
  } catch {
    return fallback;
  }
  if (url.origin !== placeholderOrigin) return fallback;
  if (authPaths.includes(url.pathname)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
