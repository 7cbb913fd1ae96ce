import {
  ZAssignmentBody,
  ZAssignmentDecision,
  ZCreateDossierBody,
  ZDossier,
  ZDossierListQuery,
  ZDossierPage,
  ZDossierPatch,
  ZInvitation,
  ZInvitationBody,
  ZMember,
  ZMemberBody,
  ZMemberPatch,
  ZMilestone,
  ZMilestoneBody,
  ZMilestonePatch,
  ZNote,
  ZNoteBody,
  ZProgram,
} from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, signedIn, verifiedEmail } from '../../plugins/auth';
import { callerOf, viewerOf } from '../access';
import { decideAssignment, endAssignment, requestAssignment } from './assignment.service';
import { documentRequestsRoutes } from './document-requests.routes';
import { createDossier, getDossier, listDossiers, listPrograms, updateDossier } from './dossiers.service';
import { decideInvitation, inviteClient, pendingInvitations } from './invitations.service';
import { addMember, removeMember, updateMember } from './members.service';
import { addMilestone, removeMilestone, updateMilestone } from './milestones.service';
import { addNote, listNotes } from './notes.service';

const tags = ['dossiers'];
const security = [{ bearerAuth: [] }];
const ZDossierParams = z.object({ id: z.uuid() });

export const dossiersRoutes: FastifyPluginAsyncZod = async (app) => {
  // Routes of one dossier read the caller's firm with the dossier (dossierFor); lists need it first.
  const caller = (request: FastifyRequest) => callerOf(requireUser(request), request.ip);
  const reach = (request: FastifyRequest) => viewerOf(app.deps.db, caller(request), app.deps.clock.now());

  app.get(
    '/api/programs',
    {
      schema: {
        tags,
        operationId: 'listPrograms',
        security: [],
        summary: 'The immigration programs and their checklists (French and English)',
        response: { 200: z.object({ items: z.array(ZProgram) }) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return { items: await listPrograms(app.deps.db) };
    },
  );

  // Everything about dossiers needs a verified email: Mon dossier holds identity documents.
  await app.register(async (plugin) => {
    plugin.addHook('onRequest', signedIn);
    plugin.addHook('onRequest', verifiedEmail);
    const scoped = plugin.withTypeProvider<ZodTypeProvider>();
    // A pro asks the candidate for one checklist line (issue 19).
    await scoped.register(documentRequestsRoutes);

    scoped.get(
      '/api/dossiers',
      {
        schema: {
          tags,
          security,
          operationId: 'listDossiers',
          summary: 'My dossiers (candidate) or my firm’s (pro), newest activity first',
          problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'INVALID_CURSOR'],
          querystring: ZDossierListQuery,
          response: { 200: ZDossierPage },
        },
      },
      async (request) => listDossiers(app.deps, await reach(request), request.query),
    );

    scoped.post(
      '/api/dossiers',
      {
        schema: {
          tags,
          security,
          operationId: 'createDossier',
          summary: 'Open a dossier for a program (candidates)',
          problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'FORBIDDEN', 'NOT_FOUND'],
          body: ZCreateDossierBody,
          response: { 201: ZDossier },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createDossier(app.deps, caller(request), request.body)),
    );

    scoped.get(
      '/api/dossiers/invitations',
      {
        schema: {
          tags,
          security,
          operationId: 'listDossierInvitations',
          summary: 'Invitations from pros waiting for my answer',
          problems: ['EMAIL_NOT_VERIFIED'],
          response: { 200: z.object({ items: z.array(ZInvitation) }) },
        },
      },
      async (request) => ({
        items: await pendingInvitations(app.deps, caller(request)),
      }),
    );

    scoped.post(
      '/api/dossiers/invitations',
      {
        schema: {
          tags,
          security,
          operationId: 'inviteClient',
          summary: 'Invite a client by email to open a dossier with me (pros)',
          problems: ['EMAIL_NOT_VERIFIED', 'FORBIDDEN', 'PRO_NOT_VERIFIED', 'RATE_LIMITED'],
          description:
            'The same answer whether the address has an account or not. 429 RATE_LIMITED beyond the invitations a pro may send, or an address may receive, in a day.',
          body: ZInvitationBody,
          response: { 202: z.object({ status: z.literal('sent') }) },
        },
      },
      async (request, reply) => {
        await inviteClient(app.deps, await reach(request), request.body);
        return reply.code(202).send({ status: 'sent' as const });
      },
    );

    scoped.post(
      '/api/dossiers/invitations/:id/decision',
      {
        schema: {
          tags,
          security,
          operationId: 'decideDossierInvitation',
          summary: 'Accept (opens the dossier) or decline an invitation',
          problems: ['EMAIL_NOT_VERIFIED', 'NOT_FOUND', 'PRO_NOT_VERIFIED'],
          params: ZDossierParams,
          body: z.strictObject({ decision: z.enum(['accept', 'decline']) }),
          response: { 200: z.object({ dossierId: z.uuid().nullable() }) },
        },
      },
      async (request) =>
        decideInvitation(app.deps, caller(request), request.params.id, request.body.decision),
    );

    scoped.get(
      '/api/dossiers/:id',
      {
        schema: {
          tags,
          security,
          operationId: 'getDossier',
          summary: 'A dossier: checklist, documents, members, milestones, progress',
          problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'NOT_FOUND'],
          params: ZDossierParams,
          response: { 200: ZDossier },
        },
      },
      async (request) => getDossier(app.deps, caller(request), request.params.id),
    );

    scoped.patch(
      '/api/dossiers/:id',
      {
        schema: {
          tags,
          security,
          operationId: 'updateDossier',
          summary: 'Change the status or the IRCC/MIFI file number',
          problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'NOT_FOUND', 'FORBIDDEN'],
          params: ZDossierParams,
          body: ZDossierPatch,
          response: { 200: ZDossier },
        },
      },
      async (request) => updateDossier(app.deps, caller(request), request.params.id, request.body),
    );

    scoped.post(
      '/api/dossiers/:id/members',
      {
        schema: {
          tags,
          security,
          operationId: 'addDossierMember',
          summary: 'Add a spouse, dependant or sponsor',
          problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'NOT_FOUND', 'CONFLICT'],
          params: ZDossierParams,
          body: ZMemberBody,
          response: { 201: ZMember },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await addMember(app.deps, caller(request), request.params.id, request.body)),
    );

    const ZMemberParams = ZDossierParams.extend({ memberId: z.uuid() });
    scoped.patch(
      '/api/dossiers/:id/members/:memberId',
      {
        schema: {
          tags,
          security,
          operationId: 'updateDossierMember',
          summary: 'Correct a member’s name or date of birth',
          problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'NOT_FOUND'],
          params: ZMemberParams,
          body: ZMemberPatch,
          response: { 200: ZMember },
        },
      },
      async (request) =>
        updateMember(app.deps, caller(request), request.params.id, request.params.memberId, request.body),
    );
    scoped.delete(
      '/api/dossiers/:id/members/:memberId',
      {
        schema: {
          tags,
          security,
          operationId: 'removeDossierMember',
          summary: 'Remove a member without documents',
          problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'NOT_FOUND', 'CONFLICT'],
          params: ZMemberParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await removeMember(app.deps, caller(request), request.params.id, request.params.memberId);
        return reply.code(204).send(null);
      },
    );

    scoped.post(
      '/api/dossiers/:id/milestones',
      {
        schema: {
          tags,
          security,
          operationId: 'addMilestone',
          summary: 'Add a milestone to the timeline',
          problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'NOT_FOUND'],
          params: ZDossierParams,
          body: ZMilestoneBody,
          response: { 201: ZMilestone },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await addMilestone(app.deps, caller(request), request.params.id, request.body)),
    );
    const ZMilestoneParams = ZDossierParams.extend({ milestoneId: z.uuid() });
    scoped.patch(
      '/api/dossiers/:id/milestones/:milestoneId',
      {
        schema: {
          tags,
          security,
          operationId: 'updateMilestone',
          summary: 'Edit a milestone',
          problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'NOT_FOUND'],
          params: ZMilestoneParams,
          body: ZMilestonePatch,
          response: { 200: ZMilestone },
        },
      },
      async (request) =>
        updateMilestone(
          app.deps,
          caller(request),
          request.params.id,
          request.params.milestoneId,
          request.body,
        ),
    );
    scoped.delete(
      '/api/dossiers/:id/milestones/:milestoneId',
      {
        schema: {
          tags,
          security,
          operationId: 'deleteMilestone',
          summary: 'Remove a milestone',
          problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'NOT_FOUND'],
          params: ZMilestoneParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await removeMilestone(app.deps, caller(request), request.params.id, request.params.milestoneId);
        return reply.code(204).send(null);
      },
    );

    scoped.get(
      '/api/dossiers/:id/notes',
      {
        schema: {
          tags,
          security,
          operationId: 'listDossierNotes',
          summary: 'Internal notes of the firm in charge (never shown to the candidate)',
          problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'NOT_FOUND', 'FORBIDDEN'],
          params: ZDossierParams,
          response: { 200: z.object({ items: z.array(ZNote) }) },
        },
      },
      async (request) => ({
        items: await listNotes(app.deps, caller(request), request.params.id),
      }),
    );
    scoped.post(
      '/api/dossiers/:id/notes',
      {
        schema: {
          tags,
          security,
          operationId: 'addDossierNote',
          summary: 'Add an internal note',
          problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'NOT_FOUND', 'FORBIDDEN'],
          params: ZDossierParams,
          body: ZNoteBody,
          response: { 201: ZNote },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await addNote(app.deps, caller(request), request.params.id, request.body.body)),
    );

    scoped.post(
      '/api/dossiers/:id/assignment',
      {
        schema: {
          tags,
          security,
          operationId: 'requestAssignment',
          summary: 'Ask a pro to take the dossier (replaces a pending request)',
          problems: [
            'IP_NOT_ALLOWED',
            'EMAIL_NOT_VERIFIED',
            'NOT_FOUND',
            'FORBIDDEN',
            'ALREADY_ASSIGNED',
            'PRO_NOT_VERIFIED',
            'RATE_LIMITED',
          ],
          description:
            '429 RATE_LIMITED beyond the requests a candidate may send, or a pro may receive, in a day.',
          params: ZDossierParams,
          body: ZAssignmentBody,
          response: { 202: z.object({ status: z.literal('requested') }) },
        },
      },
      async (request, reply) => {
        await requestAssignment(app.deps, caller(request), request.params.id, request.body);
        return reply.code(202).send({ status: 'requested' as const });
      },
    );
    scoped.post(
      '/api/dossiers/:id/assignment/decision',
      {
        schema: {
          tags,
          security,
          operationId: 'decideAssignment',
          summary: 'The requested pro accepts or declines',
          problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'NOT_FOUND', 'PRO_NOT_VERIFIED'],
          params: ZDossierParams,
          body: ZAssignmentDecision,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await decideAssignment(app.deps, caller(request), request.params.id, request.body);
        return reply.code(204).send(null);
      },
    );
    scoped.delete(
      '/api/dossiers/:id/assignment',
      {
        schema: {
          tags,
          security,
          operationId: 'endAssignment',
          summary: 'Cancel the pending request, or end the current assignment',
          problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'NOT_FOUND', 'FORBIDDEN'],
          params: ZDossierParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await endAssignment(app.deps, caller(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  });
};
