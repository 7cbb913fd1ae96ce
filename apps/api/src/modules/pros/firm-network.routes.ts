import {
  ZFirmSecurityPolicy,
  ZFirmSecurityPolicyBody,
  ZIpAllowlist,
  ZIpAllowlistBody,
  ZIpBypass,
  ZIpBypassBody,
} from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, withRole } from '../../plugins/auth';
import { callerOf } from '../access';
import {
  BYPASS_MINUTES,
  getIpAllowlist,
  getSecurityPolicy,
  openIpBypass,
  replaceIpAllowlist,
  setSecurityPolicy,
} from './firm-network.service';

const tags = ['firm'];
const security = [{ bearerAuth: [] }];
const ZFirmParams = z.object({ id: z.uuid() });

/**
 * A firm's security settings: the network ranges its members reach client dossiers from, the emergency
 * bypass, and the second factor it requires of its members. Changes need a fresh proof of identity.
 */
export const firmNetworkRoutes: FastifyPluginAsyncZod = async (app) => {
  const pro = { onRequest: [withRole('pro')] };
  const caller = (request: FastifyRequest) => callerOf(requireUser(request), request.ip);

  app.get(
    '/api/firms/:id/ip-allowlist',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'getFirmIpAllowlist',
        problems: ['FORBIDDEN', 'NOT_FOUND'],
        security,
        summary: 'The firm’s network ranges, whether they apply, and the address this request comes from',
        description: 'Licensees of the firm only (403 for agents and anyone else); 404 for an unknown firm.',
        params: ZFirmParams,
        response: { 200: ZIpAllowlist },
      },
    },
    (request) => getIpAllowlist(app.deps, caller(request), request.params.id),
  );

  app.put(
    '/api/firms/:id/ip-allowlist',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'replaceFirmIpAllowlist',
        problems: ['FORBIDDEN', 'PRO_NOT_VERIFIED', 'NOT_FOUND', 'STEP_UP_REQUIRED'],
        security,
        summary: 'Replace the firm’s network ranges and turn the list on or off',
        description:
          'A verified licensee of the firm, after a fresh proof of identity (401 STEP_UP_REQUIRED). While the list is on, the firm’s members open its client dossiers only from these ranges (403 IP_NOT_ALLOWED elsewhere). 400 field errors: `body.ranges.<i>.cidr` `cidr_invalid` (not a CIDR range, or bits set after the prefix) or `duplicate`; `body.ranges` `ranges_required` (on with no range) or `locks_you_out` (on, and the caller’s own address is in no range). Audited.',
        params: ZFirmParams,
        body: ZIpAllowlistBody,
        response: { 200: ZIpAllowlist },
      },
    },
    (request) => replaceIpAllowlist(app.deps, caller(request), request.params.id, request.body),
  );

  app.post(
    '/api/firms/:id/ip-allowlist/bypass',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'openFirmIpBypass',
        problems: ['FORBIDDEN', 'NOT_FOUND', 'STEP_UP_REQUIRED'],
        security,
        summary: 'Emergency access: open the firm’s client dossiers to this session from anywhere',
        description: `A member of the firm, after a fresh second factor (401 STEP_UP_REQUIRED), for ${BYPASS_MINUTES} minutes and this session only. Audited with the reason and the address.`,
        params: ZFirmParams,
        body: ZIpBypassBody,
        response: { 200: ZIpBypass },
      },
    },
    (request) => openIpBypass(app.deps, caller(request), request.params.id, request.body),
  );

  app.get(
    '/api/firms/:id/security-policy',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'getFirmSecurityPolicy',
        problems: ['FORBIDDEN', 'NOT_FOUND'],
        security,
        summary: 'Whether the firm requires a second factor of its members',
        description: 'Licensees of the firm only (403 for agents and anyone else); 404 for an unknown firm.',
        params: ZFirmParams,
        response: { 200: ZFirmSecurityPolicy },
      },
    },
    (request) => getSecurityPolicy(app.deps, caller(request), request.params.id),
  );

  app.put(
    '/api/firms/:id/security-policy',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'setFirmSecurityPolicy',
        problems: ['FORBIDDEN', 'PRO_NOT_VERIFIED', 'NOT_FOUND', 'STEP_UP_REQUIRED'],
        security,
        summary: 'Require (or no longer require) a second factor of every member of the firm',
        description:
          'A verified licensee of the firm, after a fresh proof of identity (401 STEP_UP_REQUIRED). Audited.',
        params: ZFirmParams,
        body: ZFirmSecurityPolicyBody,
        response: { 200: ZFirmSecurityPolicy },
      },
    },
    (request) => setSecurityPolicy(app.deps, caller(request), request.params.id, request.body),
  );
};
