import type { TimeZoneGroup } from '../../lib/time-zones';

/** The options of a native time-zone `<select>`: one `<optgroup>` per group (Canada, then each region). */
export function TimeZoneOptions({ groups }: { groups: TimeZoneGroup[] }) {
  return groups.map((group) => (
    <optgroup key={group.key} label={group.label}>
      {group.options.map((zone) => (
        <option key={zone.id} value={zone.id}>
          {zone.label}
        </option>
      ))}
    </optgroup>
  ));
}
