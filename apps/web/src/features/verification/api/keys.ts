/** Query keys of the verification pages. The pro's own file is under `me` (dropped when the user changes). */
export const myVerificationKey = ['me', 'verification'] as const;
export const referenceKey = (token: string) => ['reference', token] as const;
