import { type LookupAddress, lookup } from 'node:dns';
import https from 'node:https';
import ipaddr from 'ipaddr.js';
import { AppError } from '../../lib/errors';

/**
 * Requests to addresses that people give (a firm's webhook, a browser's push endpoint) must not reach the
 * servers behind the product (server-side request forgery): only https, and only hosts whose every address
 * is public. The check runs when the address is given and again when connecting (`outboundAgent`), so a
 * name that resolves elsewhere later (DNS rebinding) is still refused.
 */
export interface OutboundPolicy {
  /** Tests and benches only (`WEBHOOKS_ALLOW_LOOPBACK`): loopback is allowed, with self-signed certificates. */
  allowLoopback: boolean;
}

/** Whether one resolved address may be reached: public unicast, or loopback when the policy allows it. */
export function addressAllowed(address: string, policy: OutboundPolicy): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  // ipaddr.js names every special range (private, linkLocal, uniqueLocal, carrierGradeNat, reserved,
  // 6to4, teredo…); only ordinary public addresses are `unicast`.
  if (range === 'unicast') return true;
  return policy.allowLoopback && range === 'loopback';
}

function notAllowed(reason: string): AppError {
  return new AppError('WEBHOOK_URL_NOT_ALLOWED', reason, {
    fieldErrors: [{ path: 'body.url', message: reason, code: 'WEBHOOK_URL_NOT_ALLOWED' }],
  });
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    lookup(host, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });
}

/**
 * The address, parsed, if it may be called: https, no credentials in it, and a host whose every address
 * is allowed. Throws 400 WEBHOOK_URL_NOT_ALLOWED otherwise (also when the name does not resolve).
 */
export async function checkOutboundUrl(raw: string, policy: OutboundPolicy): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw notAllowed('The address is not a valid URL');
  }
  if (url.protocol !== 'https:') throw notAllowed('The address must start with https://');
  if (url.username || url.password) throw notAllowed('The address must not hold a user name or password');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (ipaddr.isValid(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await resolveAll(host)).map((entry) => entry.address);
    } catch {
      throw notAllowed('The address’s host name does not resolve');
    }
  }
  if (addresses.length === 0 || !addresses.every((address) => addressAllowed(address, policy))) {
    throw notAllowed('The address leads to a private, loopback or link-local network');
  }
  return url;
}

/** Raised at connection time when a host now resolves to an address that is not allowed. */
export class OutboundAddressError extends Error {
  override name = 'OutboundAddressError';
}

/**
 * An https agent that resolves names itself and refuses to connect to an address that is not allowed:
 * every outgoing request to a given address goes through one (`web-push`'s `agent`, webhook deliveries).
 */
export function outboundAgent(policy: OutboundPolicy): https.Agent {
  return new https.Agent({
    keepAlive: true,
    maxSockets: 50,
    // A loopback receiver in tests has a self-signed certificate; never so otherwise.
    rejectUnauthorized: !policy.allowLoopback,
    lookup: (hostname, options, callback) => {
      lookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
        if (error) return callback(error, '', 0);
        const allowed = addresses.filter((entry) => addressAllowed(entry.address, policy));
        if (allowed.length === 0 || allowed.length !== addresses.length) {
          return callback(
            new OutboundAddressError(`${hostname} resolves to an address that is not allowed`),
            '',
            0,
          );
        }
        if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
        const [first] = allowed as [LookupAddress];
        callback(null, first.address, first.family);
      });
    },
  });
}
