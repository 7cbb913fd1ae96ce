import { describe, expect, it } from 'vitest';
import { cityOf, timeZoneGroups } from './time-zones';

// As browsers list them: canonical names only (no America/Montreal), Atikokan under its old name.
const available = [
  'Africa/Abidjan',
  'America/Coral_Harbour',
  'America/Port_of_Spain',
  'America/Sao_Paulo',
  'America/Toronto',
  'America/Vancouver',
  'Asia/Tokyo',
  'Europe/Brussels',
  'Europe/Paris',
];

const labels = (groups: ReturnType<typeof timeZoneGroups>) =>
  groups.map((group) => [group.label, group.options.map((option) => option.label.split(' — ')[0])]);

describe('timeZoneGroups', () => {
  it('puts Canada first, east to west, Montréal included, then the regions in French order', () => {
    const groups = timeZoneGroups('fr', null, available);
    expect(groups.map((group) => group.key)).toEqual(['canada', 'Africa', 'America', 'Asia', 'Europe']);
    const canada = groups[0]?.options.map((option) => option.id);
    expect(canada?.slice(0, 3)).toEqual(['America/St_Johns', 'America/Halifax', 'America/Glace_Bay']);
    expect(canada).toEqual(
      expect.arrayContaining(['America/Montreal', 'America/Toronto', 'America/Atikokan']),
    );
    expect(canada?.at(-1)).toBe('America/Vancouver');
    expect(labels(groups).slice(1)).toEqual([
      ['Afrique', ['Abidjan']],
      ['Amériques', ['Port-d’Espagne', 'São Paulo']],
      ['Asie', ['Tokyo']],
      ['Europe', ['Bruxelles', 'Paris']],
    ]);
  });

  it('names the places in English too, never as raw identifiers', () => {
    const groups = timeZoneGroups('en', null, available);
    expect(labels(groups).slice(1)).toEqual([
      ['Africa', ['Abidjan']],
      ['Americas', ['Port of Spain', 'São Paulo']],
      ['Asia', ['Tokyo']],
      ['Europe', ['Brussels', 'Paris']],
    ]);
    const all = groups.flatMap((group) => group.options.map((option) => option.label));
    expect(all.filter((label) => label.includes('/') || label.includes('_'))).toEqual([]);
  });

  it('gives the Canadian zones their city and the zone’s name in the language', () => {
    const canada = timeZoneGroups('fr', null, available)[0]?.options ?? [];
    expect(canada.find((zone) => zone.id === 'America/Montreal')?.label).toMatch(/^Montréal — \S/);
    expect(canada.find((zone) => zone.id === 'America/St_Johns')?.label).toMatch(/^St\. John’s — /);
    const english = timeZoneGroups('en', null, available)[0]?.options ?? [];
    expect(english.find((zone) => zone.id === 'America/Montreal')?.label).toMatch(/^Montreal — \S/);
  });

  it('does not offer a Canadian zone twice under its browser name', () => {
    const ids = timeZoneGroups('en', null, available).flatMap((group) => group.options.map((o) => o.id));
    expect(ids).not.toContain('America/Coral_Harbour');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('always offers the saved zone, in its region or among the others', () => {
    const kolkata = timeZoneGroups('en', 'Asia/Kolkata', available).find((group) => group.key === 'Asia');
    expect(kolkata?.options.map((option) => option.label)).toEqual(['Kolkata', 'Tokyo']);
    const utc = timeZoneGroups('fr', 'UTC', available).at(-1);
    expect(utc).toEqual({ key: 'other', label: 'Autres', options: [{ id: 'UTC', label: 'UTC' }] });
  });

  it('lists every zone this runtime knows, each under a named region', () => {
    const groups = timeZoneGroups('fr');
    expect(groups.map((group) => group.key)).not.toContain('other');
    expect(groups.reduce((count, group) => count + group.options.length, 0)).toBeGreaterThan(300);
  });
});

describe('cityOf', () => {
  it('reads the city of an IANA name, with the area of a three-part name', () => {
    expect(cityOf('America/Argentina/Salta', 'fr')).toBe('Salta (Argentine)');
    expect(cityOf('America/North_Dakota/New_Salem', 'en')).toBe('New Salem (North Dakota)');
    expect(cityOf('America/Argentina/Tucuman', 'fr')).toBe('Tucumán (Argentine)');
    expect(cityOf('America/Swift_Current', 'fr')).toBe('Swift Current');
    expect(cityOf('Europe/London', 'fr-CA')).toBe('Londres');
  });
});
