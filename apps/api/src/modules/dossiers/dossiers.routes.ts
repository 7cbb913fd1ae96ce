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
import {
  decideAssignment,
  decideInvitation,
  endAssignment,
  inviteClient,
  pendingInvitations,
  requestAssignment,
} from './assignment.service';
import {
  addMember,
  addMilestone,
  addNote,
  createDossier,
  getDossier,
  listDossiers,
  listNotes,
  listPrograms,
  removeMember,
  removeMilestone,
  requesterOf,
  updateDossier,
  updateMember,
  updateMilestone,
  viewerOf,
} from './dossiers.service';

const tags = ['dossiers'];
const security = [{ bearerAuth: [] }];
const ZDossierParams = z.object({ id: z.uuid() });

export const dossiersRoutes: FastifyPluginAsyncZod = async (app) => {
  // Routes of one dossier read the requester's firm with the dossier (dossierFor); lists need it first.
  const requester = (request: FastifyRequest) => requesterOf(requireUser(request), request.ip);
  const viewer = (request: FastifyRequest) => viewerOf(app.deps.db, requester(request), app.deps.clock.now());

  app.get(
    '/api/programs',
    {
      schema: {
        tags,
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

    scoped.get(
      '/api/dossiers',
      {
        schema: {
          tags,
          security,
          summary: 'My dossiers (candidate) or my firm’s (pro), newest activity first',
          querystring: ZDossierListQuery,
          response: { 200: ZDossierPage },
        },
      },
      async (request) => listDossiers(app.deps, await viewer(request), request.query),
    );

    scoped.post(
      '/api/dossiers',
      {
        schema: {
          tags,
          security,
          summary: 'Open a dossier for a program (candidates)',
          body: ZCreateDossierBody,
          response: { 201: ZDossier },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createDossier(app.deps, requester(request), request.body)),
    );

    scoped.get(
      '/api/dossiers/invitations',
      {
        schema: {
          tags,
          security,
          summary: 'Invitations from pros waiting for my answer',
          response: { 200: z.object({ items: z.array(ZInvitation) }) },
        },
      },
      async (request) => ({
        items: await pendingInvitations(app.deps, requester(request)),
      }),
    );

    scoped.post(
      '/api/dossiers/invitations',
      {
        schema: {
          tags,
          security,
          summary: 'Invite a client by email to open a dossier with me (pros)',
          description:
            'The same answer whether the address has an account or not. 429 RATE_LIMITED beyond the invitations a pro may send, or an address may receive, in a day.',
          body: ZInvitationBody,
          response: { 202: z.object({ status: z.literal('sent') }) },
        },
      },
      async (request, reply) => {
        await inviteClient(app.deps, await viewer(request), request.body);
        return reply.code(202).send({ status: 'sent' as const });
      },
    );

    scoped.post(
      '/api/dossiers/invitations/:id/decision',
      {
        schema: {
          tags,
          security,
          summary: 'Accept (opens the dossier) or decline an invitation',
          params: ZDossierParams,
          body: z.strictObject({ decision: z.enum(['accept', 'decline']) }),
          response: { 200: z.object({ dossierId: z.uuid().nullable() }) },
        },
      },
      async (request) =>
        decideInvitation(app.deps, requester(request), request.params.id, request.body.decision),
    );

    scoped.get(
      '/api/dossiers/:id',
      {
        schema: {
          tags,
          security,
          summary: 'A dossier: checklist, documents, members, milestones, progress',
          params: ZDossierParams,
          response: { 200: ZDossier },
        },
      },
      async (request) => getDossier(app.deps, requester(request), request.params.id),
    );

    scoped.patch(
      '/api/dossiers/:id',
      {
        schema: {
          tags,
          security,
          summary: 'Change the status or the IRCC/MIFI file number',
          params: ZDossierParams,
          body: ZDossierPatch,
          response: { 200: ZDossier },
        },
      },
      async (request) => updateDossier(app.deps, requester(request), request.params.id, request.body),
    );

    scoped.post(
      '/api/dossiers/:id/members',
      {
        schema: {
          tags,
          security,
          summary: 'Add a spouse, dependant or sponsor',
          params: ZDossierParams,
          body: ZMemberBody,
          response: { 201: ZMember },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await addMember(app.deps, requester(request), request.params.id, request.body)),
    );

    const ZMemberParams = ZDossierParams.extend({ memberId: z.uuid() });
    scoped.patch(
      '/api/dossiers/:id/members/:memberId',
      {
        schema: {
          tags,
          security,
          summary: 'Correct a member’s name or date of birth',
          params: ZMemberParams,
          body: ZMemberPatch,
          response: { 200: ZMember },
        },
      },
      async (request) =>
        updateMember(app.deps, requester(request), request.params.id, request.params.memberId, request.body),
    );
    scoped.delete(
      '/api/dossiers/:id/members/:memberId',
      {
        schema: {
          tags,
          security,
          summary: 'Remove a member without documents',
          params: ZMemberParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await removeMember(app.deps, requester(request), request.params.id, request.params.memberId);
        return reply.code(204).send(null);
      },
    );

    scoped.post(
      '/api/dossiers/:id/milestones',
      {
        schema: {
          tags,
          security,
          summary: 'Add a milestone to the timeline',
          params: ZDossierParams,
          body: ZMilestoneBody,
          response: { 201: ZMilestone },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await addMilestone(app.deps, requester(request), request.params.id, request.body)),
    );
    const ZMilestoneParams = ZDossierParams.extend({ milestoneId: z.uuid() });
    scoped.patch(
      '/api/dossiers/:id/milestones/:milestoneId',
      {
        schema: {
          tags,
          security,
          summary: 'Edit a milestone',
          params: ZMilestoneParams,
          body: ZMilestonePatch,
          response: { 200: ZMilestone },
        },
      },
      async (request) =>
        updateMilestone(
          app.deps,
          requester(request),
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
          summary: 'Remove a milestone',
          params: ZMilestoneParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await removeMilestone(app.deps, requester(request), request.params.id, request.params.milestoneId);
        return reply.code(204).send(null);
      },
    );

    scoped.get(
      '/api/dossiers/:id/notes',
      {
        schema: {
          tags,
          security,
          summary: 'Internal notes of the firm in charge (never shown to the candidate)',
          params: ZDossierParams,
          response: { 200: z.object({ items: z.array(ZNote) }) },
        },
      },
      async (request) => ({
        items: await listNotes(app.deps, requester(request), request.params.id),
      }),
    );
    scoped.post(
      '/api/dossiers/:id/notes',
      {
        schema: {
          tags,
          security,
          summary: 'Add an internal note',
          params: ZDossierParams,
          body: ZNoteBody,
          response: { 201: ZNote },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await addNote(app.deps, requester(request), request.params.id, request.body.body)),
    );

    scoped.post(
      '/api/dossiers/:id/assignment',
      {
        schema: {
          tags,
          security,
          summary: 'Ask a pro to take the dossier (replaces a pending request)',
          description:
            '429 RATE_LIMITED beyond the requests a candidate may send, or a pro may receive, in a day.',
          params: ZDossierParams,
          body: ZAssignmentBody,
          response: { 202: z.object({ status: z.literal('requested') }) },
        },
      },
      async (request, reply) => {
        await requestAssignment(app.deps, requester(request), request.params.id, request.body);
        return reply.code(202).send({ status: 'requested' as const });
      },
    );
    scoped.post(
      '/api/dossiers/:id/assignment/decision',
      {
        schema: {
          tags,
          security,
          summary: 'The requested pro accepts or declines',
          params: ZDossierParams,
          body: ZAssignmentDecision,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await decideAssignment(app.deps, requester(request), request.params.id, request.body);
        return reply.code(204).send(null);
      },
    );
    scoped.delete(
      '/api/dossiers/:id/assignment',
      {
        schema: {
          tags,
          security,
          summary: 'Cancel the pending request, or end the current assignment',
          params: ZDossierParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await endAssignment(app.deps, requester(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  });
};
