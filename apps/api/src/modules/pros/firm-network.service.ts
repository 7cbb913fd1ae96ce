import type {
  TFieldError,
  TFirmSecurityPolicy,
  TIpAllowlist,
  ZFirmSecurityPolicyBody,
  ZIpAllowlistBody,
  ZIpBypassBody,
} from '@capitune/contracts';
import ipaddr from 'ipaddr.js';
import type { z } from 'zod';
import type { AppDeps } from '../../deps';
import { AppError, fieldError } from '../../lib/errors';
import { withTransaction } from '../../platform/db/transaction';
import { type Caller, clientAddress, platformToday } from '../access';
import { recordAudit } from '../audit';
import { firmMember } from './firm.queries';
import {
  firmRanges,
  firmSettings,
  openSessionBypass,
  replaceFirmRanges,
  setFirmRequireTwoFactor,
} from './firm-network.queries';

/** How long an emergency bypass opens the firm's dossiers to one session from anywhere. */
export const BYPASS_MINUTES = 60;
const MINUTE = 60 * 1000;

type FirmSettings = NonNullable<Awaited<ReturnType<typeof firmSettings>>>;

/**
 * A pro of the firm `firmId` (any role in it), with the firm: 403 for anyone else (candidates, admins,
 * pros of other firms), 404 for an unknown firm.
 */
async function memberOfFirm(deps: AppDeps, caller: Caller, firmId: string) {
  if (caller.role !== 'pro') throw new AppError('FORBIDDEN');
  const [firm, member] = await Promise.all([
    firmSettings(deps.db, firmId),
    firmMember(deps.db, caller.id, platformToday(deps.clock.now())),
  ]);
  if (!firm) throw new AppError('NOT_FOUND', 'No such firm');
  if (!member) throw new AppError('UNAUTHENTICATED');
  if (member.organisationId !== firmId) throw new AppError('FORBIDDEN', 'You are not a member of this firm');
  return { firm, member };
}

/** A licensee of the firm (a licence of their own): agents and other pros get 403. */
async function licenseeOf(deps: AppDeps, caller: Caller, firmId: string) {
  const found = await memberOfFirm(deps, caller, firmId);
  if (!found.member.hasLicence) {
    throw new AppError('FORBIDDEN', 'Only a licensee of the firm manages its security settings');
  }
  return found;
}

/**
 * A licensee whose licence is verified, for a change to the firm's settings (as for managing agents):
 * a licensee whose licence is not verified now gets 403 PRO_NOT_VERIFIED.
 */
async function managingLicenseeOf(deps: AppDeps, caller: Caller, firmId: string) {
  const found = await licenseeOf(deps, caller, firmId);
  if (found.member.licenceStanding !== 'verified') {
    throw new AppError(
      'PRO_NOT_VERIFIED',
      'Your licence must be verified before you change the firm’s settings',
    );
  }
  return found;
}

type ParsedRange = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * A range as typed (`203.0.113.0/24`, `2001:db8::/48`, a bare address for one address) in its canonical
 * form, or why it is refused. Only the plain forms PostgreSQL's `cidr` reads the same way are accepted,
 * and no bit may be set past the prefix (`10.0.0.1/8` is refused, with `10.0.0.0/8` suggested).
 */
export function parseRange(text: string): { cidr: string } | { refused: string } {
  const notARange = { refused: 'Not an IPv4 or IPv6 range in CIDR notation (203.0.113.0/24, 2001:db8::/48)' };
  const [address = '', prefix, ...rest] = text.split('/');
  if (rest.length > 0 || address.includes('%')) return notARange;
  if (!ipaddr.IPv4.isValidFourPartDecimal(address) && !ipaddr.IPv6.isValid(address)) return notARange;
  const parsed: ParsedRange = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return { refused: 'Write an IPv4 range in IPv4 notation (203.0.113.0/24)' };
  }
  const bits = parsed.kind() === 'ipv4' ? 32 : 128;
  if (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) return notARange;
  const length = prefix === undefined ? bits : Number(prefix);
  if (length > bits) return notARange;
  const bytes = parsed.toByteArray();
  for (let bit = length; bit < bits; bit++) {
    if ((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) {
      const network =
        parsed.kind() === 'ipv4'
          ? ipaddr.IPv4.networkAddressFromCIDR(`${address}/${length}`)
          : ipaddr.IPv6.networkAddressFromCIDR(`${address}/${length}`);
      return {
        refused: `Bits are set after the prefix: the range starts at ${network.toString()}/${length}`,
      };
    }
  }
  return { cidr: `${parsed.toString()}/${length}` };
}

/** Whether `address` (a plain address, or null when unknown) is inside one of the ranges. */
export function addressInRanges(address: string | null, cidrs: readonly string[]): boolean {
  if (!address) return false;
  const parsed = ipaddr.parse(address);
  return cidrs.some((cidr) => {
    const range = ipaddr.parseCIDR(cidr);
    return range[0].kind() === parsed.kind() && parsed.match(range);
  });
}

async function allowlistOf(deps: AppDeps, caller: Caller, firm: FirmSettings): Promise<TIpAllowlist> {
  const ranges = await firmRanges(deps.db, firm.id);
  const yourAddress = clientAddress(caller.ip);
  return {
    enabled: firm.ipAllowlistEnabled,
    ranges,
    yourAddress,
    yourAddressAllowed: addressInRanges(
      yourAddress,
      ranges.map((range) => range.cidr),
    ),
  };
}

/** The firm's network ranges, whether they apply, and the caller's own address: licensees only. */
export async function getIpAllowlist(deps: AppDeps, caller: Caller, firmId: string): Promise<TIpAllowlist> {
  const { firm } = await licenseeOf(deps, caller, firmId);
  return allowlistOf(deps, caller, firm);
}

/**
 * The ranges of a list, canonical, or 400 with a field error per refused range: not a range, bits set
 * past the prefix, or listed twice.
 */
function checkedRanges(ranges: z.infer<typeof ZIpAllowlistBody>['ranges']) {
  const seen = new Set<string>();
  const errors: TFieldError[] = [];
  const checked: { cidr: string; label: string }[] = [];
  for (const [index, range] of ranges.entries()) {
    const path = `body.ranges.${index}.cidr`;
    const parsed = parseRange(range.cidr);
    if ('refused' in parsed) {
      errors.push({ path, code: 'cidr_invalid', message: parsed.refused });
    } else if (seen.has(parsed.cidr)) {
      errors.push({ path, code: 'duplicate', message: `${parsed.cidr} is listed twice` });
    } else {
      seen.add(parsed.cidr);
      checked.push({ cidr: parsed.cidr, label: range.label });
    }
  }
  if (errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', errors[0]?.message, { fieldErrors: errors });
  }
  return checked;
}

/**
 * A verified licensee replaces the firm's ranges and turns the list on or off, after a fresh proof of
 * identity. Turning it on needs at least one range and must keep the caller's own address inside (else a
 * licensee would lock themself out of their clients' dossiers). One transaction, audited.
 */
export async function replaceIpAllowlist(
  deps: AppDeps,
  caller: Caller,
  firmId: string,
  body: z.infer<typeof ZIpAllowlistBody>,
): Promise<TIpAllowlist> {
  await managingLicenseeOf(deps, caller, firmId);
  const ranges = checkedRanges(body.ranges);
  const yourAddress = clientAddress(caller.ip);
  if (body.enabled && ranges.length === 0) {
    throw fieldError('body.ranges', 'ranges_required', 'List at least one range before turning the list on');
  }
  if (
    body.enabled &&
    !addressInRanges(
      yourAddress,
      ranges.map((range) => range.cidr),
    )
  ) {
    throw fieldError(
      'body.ranges',
      'locks_you_out',
      `Your own address (${yourAddress ?? 'unknown'}) is in none of these ranges: you would lose your clients’ dossiers at once. Add a range that contains it.`,
    );
  }
  await deps.requireStepUp(caller);
  const firm = await withTransaction(deps.pool, async (tx) => {
    const before = await firmSettings(tx.db, firmId, { lock: true });
    if (!before) throw new AppError('NOT_FOUND', 'No such firm');
    const previous = await firmRanges(tx.db, firmId);
    await replaceFirmRanges(tx.db, {
      organisationId: firmId,
      enabled: body.enabled,
      ranges,
      createdBy: caller.id,
      now: deps.clock.now(),
    });
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'firm.ip_allowlist_changed',
      subjectType: 'organisation',
      subjectId: firmId,
      organisationId: firmId,
      before: {
        enabled: before.ipAllowlistEnabled,
        ranges: previous.map(({ cidr, label }) => ({ cidr, label })),
      },
      after: { enabled: body.enabled, ranges },
      ip: yourAddress,
    });
    return { ...before, ipAllowlistEnabled: body.enabled };
  });
  return allowlistOf(deps, caller, firm);
}

/** Whether the firm requires a second factor of its members: licensees only. */
export async function getSecurityPolicy(
  deps: AppDeps,
  caller: Caller,
  firmId: string,
): Promise<TFirmSecurityPolicy> {
  const { firm } = await licenseeOf(deps, caller, firmId);
  return { requireTwoFactor: firm.requireTwoFactor };
}

/** A verified licensee requires (or no longer requires) a second factor of every member; audited. */
export async function setSecurityPolicy(
  deps: AppDeps,
  caller: Caller,
  firmId: string,
  body: z.infer<typeof ZFirmSecurityPolicyBody>,
): Promise<TFirmSecurityPolicy> {
  await managingLicenseeOf(deps, caller, firmId);
  await deps.requireStepUp(caller);
  await withTransaction(deps.pool, async (tx) => {
    const before = await firmSettings(tx.db, firmId, { lock: true });
    if (!before) throw new AppError('NOT_FOUND', 'No such firm');
    if (before.requireTwoFactor === body.requireTwoFactor) return;
    await setFirmRequireTwoFactor(tx.db, firmId, body.requireTwoFactor);
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'firm.security_policy_changed',
      subjectType: 'organisation',
      subjectId: firmId,
      organisationId: firmId,
      before: { requireTwoFactor: before.requireTwoFactor },
      after: { requireTwoFactor: body.requireTwoFactor },
      ip: clientAddress(caller.ip),
    });
  });
  return { requireTwoFactor: body.requireTwoFactor };
}

/**
 * Emergency access: a member of the firm, after a fresh second factor, opens the firm's dossiers to this
 * session from anywhere for an hour. Audited, with the reason and the address.
 */
export async function openIpBypass(
  deps: AppDeps,
  caller: Caller,
  firmId: string,
  body: z.infer<typeof ZIpBypassBody>,
): Promise<{ until: string }> {
  await memberOfFirm(deps, caller, firmId);
  await deps.requireStepUp(caller);
  const { sessionId } = caller;
  if (!sessionId) throw new AppError('UNAUTHENTICATED');
  const until = new Date(deps.clock.now().getTime() + BYPASS_MINUTES * MINUTE);
  const address = clientAddress(caller.ip);
  await withTransaction(deps.pool, async (tx) => {
    if (!(await openSessionBypass(tx.db, { sessionId, userId: caller.id, until }))) {
      throw new AppError('SESSION_EXPIRED');
    }
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'firm.ip_bypass',
      subjectType: 'organisation',
      subjectId: firmId,
      after: { reason: body.reason, address, sessionId, until: until.toISOString() },
      ip: address,
    });
  });
  return { until: until.toISOString() };
}
