import {
  ZFirm,
  ZFirmAgentBody,
  ZFirmAgentParams,
  ZFirmInvitationAcceptBody,
  ZFirmInvitationAccepted,
  ZFirmInvitationBody,
  ZFirmInvitationLookup,
  ZFirmInvitationTokenBody,
} from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, withRole } from '../../plugins/auth';
import { byIp, rateLimit } from '../../plugins/rate-limit';
import { type Caller, callerOf } from '../access';
import {
  acceptInvitation,
  changeSupervisor,
  getMyFirm,
  INVITATION_DAYS,
  inviteAgent,
  lookupInvitation,
  removeAgent,
} from './firm.service';

const tags = ['firm'];
const security = [{ bearerAuth: [] }];
const HOUR = 60 * 60 * 1000;

const actor = (request: FastifyRequest): Caller => callerOf(requireUser(request), request.ip);

/**
 * Firms and their agents: the pro's firm, invitations of agents by its verified licensees (the emailed
 * link is public), and the agents' supervisors.
 */
export const firmRoutes: FastifyPluginAsyncZod = async (app) => {
  const pro = { onRequest: [withRole('pro')] };

  app.get(
    '/api/me/firm',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'getMyFirm',
        problems: ['FORBIDDEN', 'NOT_FOUND'],
        security,
        summary: 'The pro’s firm: its licensees with their standing, its agents with their supervisor',
        description: 'Open invitations are shown to licensees only. 404 for a pro in no firm.',
        response: { 200: ZFirm },
      },
    },
    (request) => getMyFirm(app.deps, actor(request)),
  );

  app.post(
    '/api/me/firm/agents/invitations',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'inviteFirmAgent',
        problems: ['FORBIDDEN', 'PRO_NOT_VERIFIED', 'NOT_FOUND', 'RATE_LIMITED'],
        security,
        summary: 'Invite someone to join the firm as an agent (emails a link)',
        description: `A licensee whose licence is verified (403 PRO_NOT_VERIFIED otherwise; 403 FORBIDDEN for an agent). The supervisor defaults to the inviter and must be a verified licensee of the firm (400 otherwise). The link is valid ${INVITATION_DAYS} days. Limited per inviter and per invited address (429 RATE_LIMITED).`,
        body: ZFirmInvitationBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await inviteAgent(app.deps, actor(request), request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/firm-invitations/lookup',
    {
      schema: {
        tags,
        operationId: 'lookupFirmInvitation',
        security: [],
        problems: ['INVALID_TOKEN', 'TOKEN_EXPIRED'],
        summary: 'What an invitation to join a firm says (public, by its token)',
        description: '400 INVALID_TOKEN (unknown or used), 400 TOKEN_EXPIRED.',
        body: ZFirmInvitationTokenBody,
        response: { 200: ZFirmInvitationLookup },
      },
      preHandler: rateLimit({ name: 'firm-lookup-ip', limit: 30, windowMs: HOUR, key: byIp }),
    },
    (request) => lookupInvitation(app.deps, request.body.token),
  );

  app.post(
    '/api/firm-invitations/accept',
    {
      schema: {
        tags,
        operationId: 'acceptFirmInvitation',
        security: [],
        problems: ['INVALID_TOKEN', 'TOKEN_EXPIRED', 'PASSWORD_TOO_WEAK'],
        summary: 'Accept an invitation: creates the agent’s account (public, by its token)',
        description:
          'The same answer whether the email already had an account or not (that account is not attached). Password strength as at sign-up (400 PASSWORD_TOO_WEAK).',
        body: ZFirmInvitationAcceptBody,
        response: { 201: ZFirmInvitationAccepted },
      },
      // As sign-up: an account per request at most, by address.
      preHandler: rateLimit({ name: 'register-ip', limit: 10, windowMs: HOUR, key: byIp }),
    },
    async (request, reply) => {
      const accepted = await acceptInvitation(app.deps, request.body, request.ip);
      return reply.code(201).send(accepted);
    },
  );

  app.put(
    '/api/me/firm/agents/:userId',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'changeFirmAgentSupervisor',
        problems: ['FORBIDDEN', 'PRO_NOT_VERIFIED', 'NOT_FOUND'],
        security,
        summary: 'Put an agent of the firm under another verified licensee of the firm',
        params: ZFirmAgentParams,
        body: ZFirmAgentBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await changeSupervisor(app.deps, actor(request), request.params.userId, request.body.supervisorId);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/me/firm/agents/:userId',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'removeFirmAgent',
        problems: ['FORBIDDEN', 'PRO_NOT_VERIFIED', 'NOT_FOUND'],
        security,
        summary: 'Remove an agent from the firm (they keep their account, with no firm)',
        params: ZFirmAgentParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeAgent(app.deps, actor(request), request.params.userId);
      return reply.code(204).send(null);
    },
  );
};
