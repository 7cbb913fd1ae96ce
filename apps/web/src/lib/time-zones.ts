import { type Locale, toLocale } from './locale';

/**
 * Canada's time zones, east to west (Newfoundland to the Pacific). Montreal is an alias of Toronto that
 * browsers do not list, but it is the city most people here look for; a zone this browser does not
 * know at all is skipped.
 */
export const canadianTimeZones = [
  'America/St_Johns',
  'America/Halifax',
  'America/Glace_Bay',
  'America/Moncton',
  'America/Goose_Bay',
  'America/Blanc-Sablon',
  'America/Montreal',
  'America/Toronto',
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

type Words = { fr: string; en?: string };

/** Regions: the first segment of an IANA name. */
const regionNames: Record<string, Words> = {
  Africa: { fr: 'Afrique', en: 'Africa' },
  America: { fr: 'Amériques', en: 'Americas' },
  Antarctica: { fr: 'Antarctique', en: 'Antarctica' },
  Arctic: { fr: 'Arctique', en: 'Arctic' },
  Asia: { fr: 'Asie', en: 'Asia' },
  Atlantic: { fr: 'Océan Atlantique', en: 'Atlantic Ocean' },
  Australia: { fr: 'Australie', en: 'Australia' },
  Europe: { fr: 'Europe', en: 'Europe' },
  Indian: { fr: 'Océan Indien', en: 'Indian Ocean' },
  Pacific: { fr: 'Océan Pacifique', en: 'Pacific Ocean' },
};
const canadaName: Words = { fr: 'Canada', en: 'Canada' };
const otherName: Words = { fr: 'Autres', en: 'Other' };

/**
 * City names that differ from the IANA spelling (which has no accents and uses English or old names):
 * French names, accents, apostrophes. A city missing here is read from its IANA name.
 */
const cityNames: Record<string, Words> = {
  'America/St_Johns': { fr: 'St. John’s' },
  'America/Montreal': { fr: 'Montréal', en: 'Montreal' },
  'America/Asuncion': { fr: 'Asunción' },
  'America/Belem': { fr: 'Belém' },
  'America/Bogota': { fr: 'Bogota', en: 'Bogotá' },
  'America/Cancun': { fr: 'Cancún' },
  'America/Ciudad_Juarez': { fr: 'Ciudad Juárez' },
  'America/Cordoba': { fr: 'Córdoba' },
  'America/Cuiaba': { fr: 'Cuiabá' },
  'America/Curacao': { fr: 'Curaçao' },
  'America/Dominica': { fr: 'Dominique', en: 'Dominica' },
  'America/El_Salvador': { fr: 'Salvador', en: 'El Salvador' },
  'America/Godthab': { fr: 'Nuuk' },
  'America/Grenada': { fr: 'Grenade', en: 'Grenada' },
  'America/Havana': { fr: 'La Havane', en: 'Havana' },
  'America/Jamaica': { fr: 'Jamaïque', en: 'Jamaica' },
  'America/Lower_Princes': { fr: 'Lower Prince’s Quarter' },
  'America/Maceio': { fr: 'Maceió' },
  'America/Mazatlan': { fr: 'Mazatlán' },
  'America/Merida': { fr: 'Mérida' },
  'America/Mexico_City': { fr: 'Mexico', en: 'Mexico City' },
  'America/Port_of_Spain': { fr: 'Port-d’Espagne', en: 'Port of Spain' },
  'America/Puerto_Rico': { fr: 'Porto Rico', en: 'Puerto Rico' },
  'America/Santo_Domingo': { fr: 'Saint-Domingue', en: 'Santo Domingo' },
  'America/Sao_Paulo': { fr: 'São Paulo' },
  'America/Scoresbysund': { fr: 'Ittoqqortoormiit' },
  'America/St_Barthelemy': { fr: 'Saint-Barthélemy', en: 'St. Barthélemy' },
  'America/St_Kitts': { fr: 'Saint-Christophe', en: 'St. Kitts' },
  'America/St_Lucia': { fr: 'Sainte-Lucie', en: 'St. Lucia' },
  'America/St_Thomas': { fr: 'Saint-Thomas', en: 'St. Thomas' },
  'America/St_Vincent': { fr: 'Saint-Vincent', en: 'St. Vincent' },
  'America/Argentina/Tucuman': { fr: 'Tucumán' },
  'Atlantic/Azores': { fr: 'Açores', en: 'Azores' },
  'Atlantic/Bermuda': { fr: 'Bermudes', en: 'Bermuda' },
  'Atlantic/Canary': { fr: 'Canaries', en: 'Canary Islands' },
  'Atlantic/Cape_Verde': { fr: 'Cap-Vert', en: 'Cape Verde' },
  'Atlantic/Faeroe': { fr: 'Féroé', en: 'Faroe Islands' },
  'Atlantic/Madeira': { fr: 'Madère', en: 'Madeira' },
  'Atlantic/South_Georgia': { fr: 'Géorgie du Sud', en: 'South Georgia' },
  'Atlantic/St_Helena': { fr: 'Sainte-Hélène', en: 'St. Helena' },
  'Europe/Andorra': { fr: 'Andorre', en: 'Andorra' },
  'Europe/Athens': { fr: 'Athènes', en: 'Athens' },
  'Europe/Brussels': { fr: 'Bruxelles', en: 'Brussels' },
  'Europe/Bucharest': { fr: 'Bucarest', en: 'Bucharest' },
  'Europe/Busingen': { fr: 'Büsingen' },
  'Europe/Copenhagen': { fr: 'Copenhague', en: 'Copenhagen' },
  'Europe/Guernsey': { fr: 'Guernesey', en: 'Guernsey' },
  'Europe/Isle_of_Man': { fr: 'Île de Man', en: 'Isle of Man' },
  'Europe/Kiev': { fr: 'Kyiv' },
  'Europe/Lisbon': { fr: 'Lisbonne', en: 'Lisbon' },
  'Europe/London': { fr: 'Londres', en: 'London' },
  'Europe/Malta': { fr: 'Malte', en: 'Malta' },
  'Europe/Moscow': { fr: 'Moscou', en: 'Moscow' },
  'Europe/San_Marino': { fr: 'Saint-Marin', en: 'San Marino' },
  'Europe/Tirane': { fr: 'Tirana' },
  'Europe/Vienna': { fr: 'Vienne', en: 'Vienna' },
  'Europe/Warsaw': { fr: 'Varsovie', en: 'Warsaw' },
  'Africa/Addis_Ababa': { fr: 'Addis-Abeba', en: 'Addis Ababa' },
  'Africa/Algiers': { fr: 'Alger', en: 'Algiers' },
  'Africa/Asmera': { fr: 'Asmara' },
  'Africa/Cairo': { fr: 'Le Caire', en: 'Cairo' },
  'Africa/El_Aaiun': { fr: 'Laâyoune', en: 'El Aaiún' },
  'Africa/Lome': { fr: 'Lomé' },
  'Africa/Mogadishu': { fr: 'Mogadiscio', en: 'Mogadishu' },
  'Africa/Ndjamena': { fr: 'N’Djaména', en: 'N’Djamena' },
  'Africa/Sao_Tome': { fr: 'São Tomé' },
  'Asia/Almaty': { fr: 'Almaty' },
  'Asia/Ashgabat': { fr: 'Achgabat', en: 'Ashgabat' },
  'Asia/Baghdad': { fr: 'Bagdad', en: 'Baghdad' },
  'Asia/Bahrain': { fr: 'Bahreïn', en: 'Bahrain' },
  'Asia/Baku': { fr: 'Bakou', en: 'Baku' },
  'Asia/Beirut': { fr: 'Beyrouth', en: 'Beirut' },
  'Asia/Bishkek': { fr: 'Bichkek', en: 'Bishkek' },
  'Asia/Calcutta': { fr: 'Calcutta', en: 'Kolkata' },
  'Asia/Kolkata': { fr: 'Calcutta', en: 'Kolkata' },
  'Asia/Damascus': { fr: 'Damas', en: 'Damascus' },
  'Asia/Dubai': { fr: 'Dubaï', en: 'Dubai' },
  'Asia/Dushanbe': { fr: 'Douchanbé', en: 'Dushanbe' },
  'Asia/Hebron': { fr: 'Hébron', en: 'Hebron' },
  'Asia/Jerusalem': { fr: 'Jérusalem', en: 'Jerusalem' },
  'Asia/Kabul': { fr: 'Kaboul', en: 'Kabul' },
  'Asia/Katmandu': { fr: 'Katmandou', en: 'Kathmandu' },
  'Asia/Kuwait': { fr: 'Koweït', en: 'Kuwait' },
  'Asia/Macau': { fr: 'Macao', en: 'Macau' },
  'Asia/Manila': { fr: 'Manille', en: 'Manila' },
  'Asia/Muscat': { fr: 'Mascate', en: 'Muscat' },
  'Asia/Nicosia': { fr: 'Nicosie', en: 'Nicosia' },
  'Asia/Rangoon': { fr: 'Rangoun', en: 'Yangon' },
  'Asia/Riyadh': { fr: 'Riyad', en: 'Riyadh' },
  'Asia/Saigon': { fr: 'Hô-Chi-Minh-Ville', en: 'Ho Chi Minh City' },
  'Asia/Samarkand': { fr: 'Samarcande', en: 'Samarkand' },
  'Asia/Seoul': { fr: 'Séoul', en: 'Seoul' },
  'Asia/Singapore': { fr: 'Singapour', en: 'Singapore' },
  'Asia/Tashkent': { fr: 'Tachkent', en: 'Tashkent' },
  'Asia/Tbilisi': { fr: 'Tbilissi', en: 'Tbilisi' },
  'Asia/Tehran': { fr: 'Téhéran', en: 'Tehran' },
  'Asia/Ulaanbaatar': { fr: 'Oulan-Bator', en: 'Ulaanbaatar' },
  'Asia/Yekaterinburg': { fr: 'Iekaterinbourg', en: 'Yekaterinburg' },
  'Asia/Yerevan': { fr: 'Erevan', en: 'Yerevan' },
  'Indian/Comoro': { fr: 'Comores', en: 'Comoros' },
  'Indian/Mahe': { fr: 'Mahé' },
  'Indian/Mauritius': { fr: 'Maurice', en: 'Mauritius' },
  'Indian/Reunion': { fr: 'La Réunion', en: 'Réunion' },
  'Pacific/Easter': { fr: 'Île de Pâques', en: 'Easter Island' },
  'Pacific/Fiji': { fr: 'Fidji', en: 'Fiji' },
  'Pacific/Galapagos': { fr: 'Galápagos' },
  'Pacific/Marquesas': { fr: 'Marquises', en: 'Marquesas' },
  'Pacific/Noumea': { fr: 'Nouméa' },
  'Pacific/Ponape': { fr: 'Pohnpei' },
  'Pacific/Truk': { fr: 'Chuuk' },
};

/** Middle segments of three-part names ("America/Argentina/Salta"), shown after the city. */
const areaNames: Record<string, Words> = {
  Argentina: { fr: 'Argentine', en: 'Argentina' },
  Indiana: { fr: 'Indiana' },
  Kentucky: { fr: 'Kentucky' },
  North_Dakota: { fr: 'Dakota du Nord', en: 'North Dakota' },
};

const wordsIn = (words: Words, language: Locale) => (language === 'en' ? (words.en ?? words.fr) : words.fr);
const readable = (segment: string) => segment.replaceAll('_', ' ');

/** "Montréal", "St. John’s", "Salta (Argentine)", "UTC": the place of a zone, in the language. */
export function cityOf(zone: string, locale: string): string {
  const language = toLocale(locale) ?? 'fr';
  const parts = zone.split('/');
  const known = cityNames[zone];
  const city = known ? wordsIn(known, language) : readable(parts.at(-1) ?? zone);
  const area = parts.length > 2 ? parts[1] : undefined;
  if (!area) return city;
  const areaWords = areaNames[area];
  return `${city} (${areaWords ? wordsIn(areaWords, language) : readable(area)})`;
}

/** `America`, `Europe`…, or `other` for names outside the regions (`UTC`, `Etc/GMT+5`). */
function regionOf(zone: string): string {
  const [first = '', ...rest] = zone.split('/');
  return rest.length > 0 && first in regionNames ? first : 'other';
}

export interface TimeZoneOption {
  id: string;
  label: string;
}

export interface TimeZoneGroup {
  /** `canada`, an IANA region (`America`, `Europe`…) or `other`. */
  key: string;
  label: string;
  options: TimeZoneOption[];
}

/** The zones this browser lists (IANA's canonical names on modern browsers). */
export function supportedTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** The name this browser gives a zone (`America/Montreal` → `America/Toronto`), or null if it does not know it. */
function canonicalZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
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
 * The time zones for a select, as `<optgroup>`s: Canada's first, east to west and with the zone's name
 * ("Montréal — heure de l’Est"), then one group per region (Africa, Americas, Asia…) in the language's
 * order, each city in that order too. `keep` (the zone saved in a profile or an event) is always offered.
 */
export function timeZoneGroups(
  locale: string,
  keep?: string | null,
  available: string[] = supportedTimeZones(),
): TimeZoneGroup[] {
  const language = toLocale(locale) ?? 'fr';
  const collator = new Intl.Collator(locale);
  const canadian = canadianTimeZones.filter((zone) => zone === keep || canonicalZone(zone) !== null);
  // A zone of the list that is the browser's name for a Canadian one (Atikokan is listed as Coral_Harbour).
  const inCanada = new Set<string>(canadian.flatMap((zone) => [zone, canonicalZone(zone) ?? zone]));
  const others = available.filter((zone) => !inCanada.has(zone));
  if (keep && !inCanada.has(keep) && !others.includes(keep)) others.push(keep);

  const byRegion = new Map<string, TimeZoneOption[]>();
  for (const zone of others) {
    const region = regionOf(zone);
    const label = region === 'other' ? readable(zone) : cityOf(zone, locale);
    const group = byRegion.get(region) ?? [];
    group.push({ id: zone, label });
    byRegion.set(region, group);
  }
  const regions = [...byRegion.keys()]
    .filter((region) => region !== 'other')
    .map((region) => ({ key: region, label: wordsIn(regionNames[region] ?? otherName, language) }))
    .sort((a, b) => collator.compare(a.label, b.label));
  if (byRegion.has('other')) regions.push({ key: 'other', label: wordsIn(otherName, language) });

  const canadaLabel = (zone: string) => {
    const name = zoneName(zone, locale);
    return name ? `${cityOf(zone, locale)} — ${name}` : cityOf(zone, locale);
  };
  return [
    {
      key: 'canada',
      label: wordsIn(canadaName, language),
      options: canadian.map((id) => ({ id, label: canadaLabel(id) })),
    },
    ...regions.map(({ key, label }) => ({
      key,
      label,
      options: (byRegion.get(key) ?? []).sort((a, b) => collator.compare(a.label, b.label)),
    })),
  ];
}
