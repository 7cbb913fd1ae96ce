/** Query keys of the firm pages. The pro's firm is under `me`: dropped with the rest of the person's data when the user changes. */
export const myFirmKey = ['me', 'firm'] as const;
export const firmInvitationKey = (token: string) => ['firm-invitation', token] as const;
/** The firm's network ranges and the address the API sees (under the firm: refreshed with it). */
export const ipAllowlistKey = (firmId: string) => [...myFirmKey, firmId, 'ip-allowlist'] as const;
export const securityPolicyKey = (firmId: string) => [...myFirmKey, firmId, 'security-policy'] as const;

export const firmPath = (firmId: string, rest: string) => `/api/firms/${encodeURIComponent(firmId)}${rest}`;
