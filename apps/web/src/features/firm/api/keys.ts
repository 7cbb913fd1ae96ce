/** Query keys of the firm pages. The pro's firm is under `me`: dropped with the rest of the person's data when the user changes. */
export const myFirmKey = ['me', 'firm'] as const;
export const firmInvitationKey = (token: string) => ['firm-invitation', token] as const;
