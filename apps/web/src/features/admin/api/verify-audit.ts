import { ZAuditChainStatus } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';

export const verifyAudit = () => apiFetch('/api/admin/audit/verify', { schema: ZAuditChainStatus });

/** Walks the hash chain on demand: the check reads the whole log, so it runs when asked, not on every visit. */
export const useVerifyAudit = () => useMutation({ mutationFn: verifyAudit });
