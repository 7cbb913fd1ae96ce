import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { dateTimeFormat } from '../../lib/intl';

/**
 * iCalendar (RFC 5545) files, written by hand: the generator libraries format dates in the process's
 * own time zone or write DTSTAMP without its `Z`, and what is needed here is small.
 * Times are written in the host's time zone with its VTIMEZONE (from @touch4it/ical-timezones, which
 * ships the definitions: no network), or in UTC when no definition exists for that zone.
 */

export interface IcsEvent {
  id: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  sequence: number;
  status: 'draft' | 'scheduled' | 'cancelled';
  url: string;
  createdAt: Date;
  updatedAt: Date;
  hostName: string;
}

export interface CalendarOptions {
  events: IcsEvent[];
  /** PUBLISH for a file or an invitation, CANCEL for a cancellation; none for a subscribed feed. */
  method?: 'PUBLISH' | 'CANCEL';
  /** The calendar's name, for feeds. */
  name?: string;
  /** DTSTAMP: when the file is written. */
  now: Date;
  /** The address in ORGANIZER (the platform's sender, never the host's own address). */
  organizerEmail: string;
}

/** The same UID for every version of an event, so calendar apps update it instead of adding one. */
export const eventUid = (id: string) => `${id}@capitune.ca`;

/** Control characters other than line breaks have no place in a calendar file. */
const stripControls = (value: string) =>
  [...value]
    .filter((char) => {
      const code = char.charCodeAt(0);
      return char === '\n' || char === '\r' || (code >= 0x20 && code !== 0x7f);
    })
    .join('');

/** TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return stripControls(value)
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A quoted parameter value (CN=…): no double quotes, line breaks or control characters inside. */
const quoteParam = (value: string) => `"${stripControls(value).replace(/["\r\n]/g, '')}"`;

/** Lines longer than 75 octets are folded with CRLF and a space, never inside a UTF-8 character (§3.1). */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  let out = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > 75) {
      out += '\r\n ';
      octets = 1;
    }
    out += char;
    octets += size;
  }
  return out;
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

export function utcStamp(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(
    date.getUTCHours(),
  )}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
}

/** The wall-clock time of an instant in a time zone, as YYYYMMDDTHHMMSS. */
export function localStamp(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    dateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${pad(Number(parts.year), 4)}${parts.month}${parts.day}T${parts.hour}${parts.minute}${parts.second}`;
}

interface ZoneDefinition {
  tzid: string;
  lines: string[];
}

const zoneCache = new Map<string, ZoneDefinition | null>();

/** The VTIMEZONE of a zone and the TZID it declares (`UTC` is defined as `Etc/UTC`), or null. */
export function zoneDefinition(timeZone: string): ZoneDefinition | null {
  if (!zoneCache.has(timeZone)) {
    const component = getVtimezoneComponent(timeZone);
    const lines = component
      ? component
          .split(/\r?\n/)
          .filter((line) => line.length > 0)
          // The definitions point at an outside http URL; calendar apps do not need it.
          .filter((line) => !line.startsWith('TZURL:'))
      : [];
    const tzid = lines.find((line) => line.startsWith('TZID:'))?.slice(5);
    zoneCache.set(timeZone, tzid ? { tzid, lines } : null);
  }
  return zoneCache.get(timeZone) ?? null;
}

function dateProperty(name: string, date: Date, zone: ZoneDefinition | null, timeZone: string): string {
  return zone ? `${name};TZID=${zone.tzid}:${localStamp(date, timeZone)}` : `${name}:${utcStamp(date)}`;
}

function eventLines(event: IcsEvent, options: CalendarOptions): string[] {
  const zone = zoneDefinition(event.timeZone);
  const status =
    event.status === 'cancelled' ? 'CANCELLED' : event.status === 'draft' ? 'TENTATIVE' : 'CONFIRMED';
  const description = [event.description.trim(), event.url].filter(Boolean).join('\n\n');
  return [
    'BEGIN:VEVENT',
    `UID:${eventUid(event.id)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utcStamp(options.now)}`,
    `CREATED:${utcStamp(event.createdAt)}`,
    `LAST-MODIFIED:${utcStamp(event.updatedAt)}`,
    dateProperty('DTSTART', event.startsAt, zone, event.timeZone),
    dateProperty('DTEND', event.endsAt, zone, event.timeZone),
    `SUMMARY:${escapeText(event.title)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `LOCATION:${escapeText(event.url)}`,
    `URL;VALUE=URI:${event.url}`,
    `ORGANIZER;CN=${quoteParam(event.hostName)}:mailto:${options.organizerEmail}`,
    `STATUS:${status}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

/** A whole calendar file, CRLF line ends, folded. */
export function buildCalendar(options: CalendarOptions): string {
  const zones = new Map<string, ZoneDefinition>();
  for (const event of options.events) {
    const zone = zoneDefinition(event.timeZone);
    if (zone) zones.set(zone.tzid, zone);
  }
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//CAPITUNE//Live//FR',
    'CALSCALE:GREGORIAN',
    ...(options.method ? [`METHOD:${options.method}`] : []),
    ...(options.name
      ? [
          `X-WR-CALNAME:${escapeText(options.name)}`,
          `NAME:${escapeText(options.name)}`,
          'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
          'X-PUBLISHED-TTL:PT1H',
        ]
      : []),
    ...[...zones.values()].flatMap((zone) => zone.lines),
    ...options.events.flatMap((event) => eventLines(event, options)),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** The address inside `Name <address>` (MAIL_FROM), or the value itself. */
export function addressOf(mailFrom: string): string {
  return mailFrom.match(/<([^>]+)>/)?.[1]?.trim() ?? mailFrom.trim();
}
