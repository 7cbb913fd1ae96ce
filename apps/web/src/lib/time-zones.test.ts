import { describe, expect, it } from 'vitest';
import { cityOf, timeZoneGroups } from './time-zones';

const available = ['Africa/Abidjan', 'America/Toronto', 'America/Vancouver', 'Europe/Paris', 'UTC'];

describe('timeZoneGroups', () => {
  it('puts the Canadian zones first, east to west, then the others', () => {
    const groups = timeZoneGroups('en', null, available);
    expect(groups.canada.map((zone) => zone.id)).toEqual(['America/Toronto', 'America/Vancouver']);
    expect(groups.other.map((zone) => zone.id)).toEqual(['Africa/Abidjan', 'Europe/Paris', 'UTC']);
  });

  it('names the Canadian zones by city and in the language', () => {
    const [toronto] = timeZoneGroups('fr', null, available).canada;
    expect(toronto?.label).toMatch(/^Toronto — /);
  });

  it('always offers the saved zone', () => {
    expect(timeZoneGroups('en', 'America/Montreal', available).canada.map((zone) => zone.id)).toContain(
      'America/Montreal',
    );
    expect(timeZoneGroups('en', 'Asia/Kolkata', available).other[0]?.id).toBe('Asia/Kolkata');
  });
});

describe('cityOf', () => {
  it('reads the city of an IANA name', () => {
    expect(cityOf('America/St_Johns')).toBe('St Johns');
    expect(cityOf('America/Argentina/Buenos_Aires')).toBe('Argentina / Buenos Aires');
    expect(cityOf('UTC')).toBe('UTC');
  });
});
