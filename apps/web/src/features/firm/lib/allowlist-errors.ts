import { isApiError } from '../../../lib/api-error';
import { encodeMessage, serverFieldMessage } from '../../../lib/form-errors';

/** A refused part of the network ranges: `ranges.2.cidr`, `ranges`, `enabled`… and its message (a key). */
export interface AllowlistFieldError {
  name: string;
  message: string;
}

/**
 * The API's field errors of a refused allowlist, as form field names and translatable messages: the
 * allowlist's own codes (a malformed or repeated range, a list switched on with no range or without the
 * address saving it) and the generic ones of any field. The first error of each field is kept.
 */
export function allowlistFieldErrors(error: unknown, yourAddress: string | null): AllowlistFieldError[] {
  if (!isApiError(error)) return [];
  const found: AllowlistFieldError[] = [];
  for (const fieldError of error.fieldErrors) {
    const name = fieldError.path.startsWith('body.')
      ? fieldError.path.slice('body.'.length)
      : fieldError.path;
    if (found.some((item) => item.name === name)) continue;
    found.push({ name, message: messageOf(fieldError.code, error.code, error.detail, yourAddress) });
  }
  return found;
}

function messageOf(
  code: string,
  problemCode: string,
  detail: string | undefined,
  yourAddress: string | null,
) {
  switch (code) {
    case 'cidr_invalid':
      return encodeMessage('firm:network.errors.cidrInvalid');
    case 'duplicate':
      return encodeMessage('firm:network.errors.duplicate');
    case 'ranges_required':
      return encodeMessage('firm:network.errors.rangesRequired');
    case 'locks_you_out':
      return yourAddress
        ? encodeMessage('firm:network.errors.locksYouOut', { address: yourAddress })
        : encodeMessage('firm:network.errors.locksYouOutUnknown');
    default:
      return serverFieldMessage(code, problemCode, detail);
  }
}

/** `ranges.3.cidr` → 3 and `cidr`; null for a field outside the rows. */
export function rangeFieldOf(name: string): { index: number; field: 'cidr' | 'label' } | null {
  const match = /^ranges\.(\d+)\.(cidr|label)$/.exec(name);
  return match ? { index: Number(match[1]), field: match[2] as 'cidr' | 'label' } : null;
}
