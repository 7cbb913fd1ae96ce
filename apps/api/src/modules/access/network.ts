import type { onErrorAsyncHookHandler } from 'fastify';
import ipaddr from 'ipaddr.js';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { recordAudit } from '../audit';

/**
 * Where a request comes from, as the firms' network ranges compare it: the address Fastify gives
 * (`request.ip`, through the proxies `TRUST_PROXY` trusts), an IPv4 client of a dual-stack socket
 * (`::ffff:192.0.2.1`) as its IPv4 address, and null when there is none or it is not an address (a
 * forwarded header a trusted proxy passed on as it came).
 */
export function clientAddress(ip: string | undefined | null): string | null {
  // Only the plain forms: `127.1` or `0x7f.0.0.1` would be an address to ipaddr.js, not to PostgreSQL.
  if (!ip || !(ipaddr.IPv4.isValidFourPartDecimal(ip) || ipaddr.IPv6.isValid(ip))) return null;
  const address = ipaddr.process(ip);
  // PostgreSQL's inet has no zone (`fe80::1%eth0`): such an address is in no range.
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).zoneId) return null;
  return address.toString();
}

/** Who was refused, from where, and what they tried to open: the audit entry's content. */
export interface NetworkRefusalDetails {
  callerId: string;
  organisationId: string;
  address: string | null;
  dossierId?: string;
}

/**
 * 403 IP_NOT_ALLOWED: a member of a firm whose dossiers are kept to its networks, from elsewhere. The
 * refusal is written to the audit log when the request fails (`auditNetworkRefusals`), not where it is
 * thrown: it is often thrown inside a transaction, whose rollback would take the entry with it.
 */
export class NetworkRefusal extends AppError {
  constructor(readonly details: NetworkRefusalDetails) {
    super(
      'IP_NOT_ALLOWED',
      `Your firm opens its client dossiers only from its own networks; this request came from ${details.address ?? 'an unknown address'}`,
    );
  }
}

/** The app's `onError` hook that writes each network refusal to the audit log, on its own connection. */
export function auditNetworkRefusals(deps: Pick<AppDeps, 'db'>): onErrorAsyncHookHandler {
  return async (request, _reply, error) => {
    if (!(error instanceof NetworkRefusal)) return;
    const { callerId, organisationId, address, dossierId } = error.details;
    try {
      await recordAudit(deps.db, {
        actorId: callerId,
        action: 'firm.ip_refused',
        subjectType: 'organisation',
        subjectId: organisationId,
        dossierId: dossierId ?? null,
        after: { address, path: request.url.split('?')[0] },
        ip: address,
      });
    } catch (failure) {
      // The refusal stands without its entry; the failure is for the operators.
      request.log.error({ err: failure }, 'could not write a network refusal to the audit log');
    }
  };
}
