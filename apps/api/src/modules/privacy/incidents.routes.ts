import {
  ZIncident,
  ZIncidentBody,
  ZIncidentEntryBody,
  ZIncidentsPage,
  ZIncidentsQuery,
  ZIncidentUpdateBody,
} from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, withRole } from '../../plugins/auth';
import { type Caller, callerOf } from '../access';
import {
  addIncidentEntry,
  createIncident,
  getIncident,
  listIncidents,
  updateIncidentFacts,
} from './incidents.service';

const tags = ['privacy'];
const security = [{ bearerAuth: [] }];
const ZParams = z.object({ id: z.uuid() });

/** The admin calling, and from where (for the audit log). */
const caller = (request: FastifyRequest): Caller => callerOf(requireUser(request), request.ip);

/** The register of confidentiality incidents: admins only (401 for nobody, 403 for candidates and pros). */
export const incidentsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', withRole('admin'));

  app.get(
    '/api/admin/incidents',
    {
      schema: {
        tags,
        security,
        summary: 'The confidentiality incident register, most recently discovered first',
        operationId: 'listPrivacyIncidents',
        problems: ['FORBIDDEN', 'INVALID_CURSOR'],
        querystring: ZIncidentsQuery,
        response: { 200: ZIncidentsPage },
      },
    },
    (request) => listIncidents(app.deps, caller(request), request.query),
  );

  app.post(
    '/api/admin/incidents',
    {
      schema: {
        tags,
        security,
        summary: 'Record a confidentiality incident',
        operationId: 'createPrivacyIncident',
        problems: ['FORBIDDEN'],
        body: ZIncidentBody,
        response: { 201: ZIncident },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createIncident(app.deps, caller(request), request.body)),
  );

  app.get(
    '/api/admin/incidents/:id',
    {
      schema: {
        tags,
        security,
        summary: 'An incident with its dated entries',
        operationId: 'getPrivacyIncident',
        problems: ['FORBIDDEN', 'NOT_FOUND'],
        params: ZParams,
        response: { 200: ZIncident },
      },
    },
    (request) => getIncident(app.deps, caller(request), request.params.id),
  );

  app.patch(
    '/api/admin/incidents/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Change the facts or the risk assessment of an incident (a new assessment is also an entry)',
        operationId: 'updatePrivacyIncident',
        problems: ['FORBIDDEN', 'NOT_FOUND'],
        params: ZParams,
        body: ZIncidentUpdateBody,
        response: { 200: ZIncident },
      },
    },
    (request) => updateIncidentFacts(app.deps, caller(request), request.params.id, request.body),
  );

  app.post(
    '/api/admin/incidents/:id/entries',
    {
      schema: {
        tags,
        security,
        summary:
          'Add a dated entry: a note, a measure, a notification sent (which dates it on the incident), closing or reopening',
        operationId: 'addPrivacyIncidentEntry',
        problems: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
        params: ZParams,
        body: ZIncidentEntryBody,
        response: { 200: ZIncident },
      },
    },
    (request) => addIncidentEntry(app.deps, caller(request), request.params.id, request.body),
  );
};
