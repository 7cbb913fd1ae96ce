import type { TEventCategory, TRegistrationStatus } from '@capitune/contracts';

/**
 * Query keys of Live. Events depend on who looks (their registration, drafts they manage): the whole cache
 * is cleared when the user changes, so the keys need not name the user.
 */
export const liveKeys = {
  all: ['events'] as const,
  range: (from: string, to: string, category: TEventCategory | undefined) =>
    ['events', 'range', { from, to, category }] as const,
  upcoming: (category: TEventCategory | undefined) => ['events', 'upcoming', { category }] as const,
  mine: (category: TEventCategory | undefined) => ['events', 'mine', { category }] as const,
  nextRegistered: ['events', 'next-registered'] as const,
  event: (id: string) => ['events', 'detail', id] as const,
  registrations: (id: string, status: TRegistrationStatus) =>
    ['events', 'detail', id, 'registrations', status] as const,
  calendarFeed: ['me', 'calendar-feed'] as const,
};

/** `?a=1&b=2` of the defined, non-empty parameters ('' when none). */
export function searchOf(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const eventPath = (id: string, rest = '') => `/api/events/${encodeURIComponent(id)}${rest}`;
