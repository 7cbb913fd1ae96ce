/**
 * Canada's time zones, east to west (Newfoundland to the Pacific). The ones the browser does not know
 * (older data) are skipped; the others come after, in the browser's order.
 */
export const canadianTimeZones = [
  'America/St_Johns',
  'America/Halifax',
  'America/Glace_Bay',
  'America/Moncton',
  'America/Goose_Bay',
  'America/Blanc-Sablon',
  'America/Toronto',
  'America/Montreal',
  'America/Iqaluit',
  'America/Atikokan',
  'America/Winnipeg',
  'America/Rankin_Inlet',
  'America/Resolute',
  'America/Regina',
  'America/Swift_Current',
  'America/Edmonton',
  'America/Cambridge_Bay',
  'America/Inuvik',
  'America/Creston',
  'America/Dawson_Creek',
  'America/Fort_Nelson',
  'America/Whitehorse',
  'America/Dawson',
  'America/Vancouver',
] as const;

export interface TimeZoneOption {
  id: string;
  label: string;
}

export interface TimeZoneGroups {
  canada: TimeZoneOption[];
  other: TimeZoneOption[];
}

/** The zones this browser knows (all of IANA's canonical names on modern browsers). */
export function supportedTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** "Toronto", "St Johns", "Argentina / Buenos Aires": the city part of an IANA name, readable. */
export function cityOf(zone: string): string {
  const parts = zone.split('/');
  return (parts.length > 1 ? parts.slice(1) : parts).join(' / ').replaceAll('_', ' ');
}

/** The zone's name in the language ("heure de l’Est", "Eastern Time"), or its UTC offset. */
function zoneName(zone: string, locale: string): string | undefined {
  for (const timeZoneName of ['longGeneric', 'shortOffset'] as const) {
    try {
      const parts = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName }).formatToParts(
        new Date(),
      );
      const name = parts.find((part) => part.type === 'timeZoneName')?.value;
      if (name) return name;
    } catch {
      // unknown zone, or an option this browser lacks: try the next one
    }
  }
  return undefined;
}

/**
 * The time zones for a select: Canada's first (with their names, as people know them), then all the
 * others. `keep` (the zone saved in the profile) is always offered, even if this browser lacks it.
 */
export function timeZoneGroups(
  locale: string,
  keep?: string | null,
  available: string[] = supportedTimeZones(),
): TimeZoneGroups {
  const known = new Set(available);
  const canadian = canadianTimeZones.filter((zone) => known.has(zone) || zone === keep);
  const canadianSet = new Set<string>(canadian);
  const other = available.filter((zone) => !canadianSet.has(zone));
  if (keep && !canadianSet.has(keep) && !known.has(keep)) other.unshift(keep);
  const label = (zone: string) => {
    const name = zoneName(zone, locale);
    return name ? `${cityOf(zone)} — ${name}` : cityOf(zone);
  };
  return {
    canada: canadian.map((id) => ({ id, label: label(id) })),
    other: other.map((id) => ({ id, label: `${id.replaceAll('_', ' ')}` })),
  };
}
