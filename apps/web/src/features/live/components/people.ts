import type { TEventPerson, TEventSummary } from '@capitune/contracts';
import type { TFunction } from 'i18next';

export const personName = (person: TEventPerson) => `${person.firstName} ${person.lastName}`.trim();

/** "Julien Tremblay (Cabinet Tremblay)". */
export const personWithOrganisation = (person: TEventPerson) =>
  person.organisation ? `${personName(person)} (${person.organisation})` : personName(person);

/** "Animé par Julien Tremblay, avec Amira Haddad". */
export function hostLine(t: TFunction<'live'>, event: Pick<TEventSummary, 'host' | 'coHosts'>): string {
  const host = personName(event.host);
  if (event.coHosts.length === 0) return t('hosts.by', { host });
  return t('hosts.byWith', { host, coHosts: event.coHosts.map(personName).join(', ') });
}
