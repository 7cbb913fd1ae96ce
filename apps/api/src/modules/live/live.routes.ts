import {
  ZAttendanceResult,
  ZCalendarFeed,
  ZCreateEventBody,
  ZEvent,
  ZEventListQuery,
  ZEventPage,
  ZLine,
  ZRegistrationListQuery,
  ZRegistrationPage,
  ZRegistrationResult,
  ZString,
  ZUpdateEventBody,
} from '@capitune/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, signedIn, verifiedEmail, withRole } from '../../plugins/auth';
import { type Caller, callerOf } from '../access';
import { exportRegistrationsCsv, listRegistrations, recordAttendance } from './attendance.service';
import {
  calendarFeedIcs,
  getCalendarFeed,
  revokeCalendarFeed,
  rotateCalendarFeed,
} from './calendar-feed.service';
import { eventIcsFile, getEvent, listEvents } from './live.service';
import { createEvent, updateEvent } from './live-editing.service';
import { cancelRegistration, register } from './registrations.service';

const tags = ['live'];
const security = [{ bearerAuth: [] }];
/** Public routes: a token, when given, only changes what the caller sees. */
const publicRoute: typeof security = [];
const ZEventParams = z.object({ id: z.uuid() });
const ZNoContent = z.null().describe('No content');
/** For OpenAPI only: text bodies are sent as they are, not through the JSON serialiser. */
const textBody = (description: string) => ZString.describe(description);

function sendFile(
  reply: FastifyReply,
  file: { filename: string; body: string },
  contentType: string,
  cacheControl: string,
) {
  return reply
    .type(contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', cacheControl)
    .send(file.body);
}

/** The signed-in caller (401 otherwise). */
const caller = (request: FastifyRequest): Caller => callerOf(requireUser(request), request.ip);
/** The caller, or null for an anonymous visitor. */
const viewer = (request: FastifyRequest): Caller | null =>
  request.user ? callerOf(request.user, request.ip) : null;

export const liveRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/events',
    {
      schema: {
        tags,
        operationId: 'listWebinars',
        security: publicRoute,
        summary: 'Webinars: a calendar range (from, to) or the upcoming list, in start order',
        problems: ['INVALID_CURSOR'],
        querystring: ZEventListQuery,
        response: { 200: ZEventPage },
      },
    },
    (request) => listEvents(app.deps, viewer(request), request.query),
  );

  app.post(
    '/api/events',
    {
      onRequest: [withRole('pro', 'admin'), verifiedEmail],
      schema: {
        tags,
        operationId: 'createWebinar',
        security,
        summary: 'Create a webinar (pros and admins), as a draft or published',
        problems: ['FORBIDDEN', 'EMAIL_NOT_VERIFIED', 'PRO_NOT_VERIFIED', 'STREAM_LINK_NOT_ALLOWED'],
        body: ZCreateEventBody,
        response: { 201: ZEvent },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return createEvent(app.deps, caller(request), request.body);
    },
  );

  app.get(
    '/api/events/:id',
    {
      schema: {
        tags,
        operationId: 'getWebinar',
        security: publicRoute,
        summary: 'A webinar, with the viewer’s registration and, when allowed, its stream or replay',
        problems: ['NOT_FOUND'],
        params: ZEventParams,
        response: { 200: ZEvent },
      },
    },
    (request) => getEvent(app.deps, viewer(request), request.params.id),
  );

  app.patch(
    '/api/events/:id',
    {
      onRequest: signedIn,
      schema: {
        tags,
        operationId: 'updateWebinar',
        security,
        summary: 'Edit, publish (status: scheduled) or cancel (status: cancelled) a webinar',
        problems: [
          'NOT_FOUND',
          'FORBIDDEN',
          'EVENT_NOT_EDITABLE',
          'PRO_NOT_VERIFIED',
          'STREAM_LINK_NOT_ALLOWED',
        ],
        params: ZEventParams,
        body: ZUpdateEventBody,
        response: { 200: ZEvent },
      },
    },
    (request) => updateEvent(app.deps, caller(request), request.params.id, request.body),
  );

  app.get(
    '/api/events/:id/ics',
    {
      schema: {
        tags,
        operationId: 'getWebinarCalendarFile',
        security: publicRoute,
        summary: 'The webinar as an iCalendar file',
        problems: ['NOT_FOUND'],
        params: ZEventParams,
        response: { 200: textBody('text/calendar') },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await eventIcsFile(app.deps, viewer(request), request.params.id),
        'text/calendar; charset=utf-8',
        'no-cache',
      ),
  );

  app.post(
    '/api/events/:id/registrations',
    {
      onRequest: verifiedEmail,
      schema: {
        tags,
        operationId: 'registerForWebinar',
        security,
        summary: 'Register (a seat, or the waitlist when full); 200 when already registered',
        problems: ['EMAIL_NOT_VERIFIED', 'NOT_FOUND', 'REGISTRATION_CLOSED'],
        params: ZEventParams,
        response: { 200: ZRegistrationResult, 201: ZRegistrationResult },
      },
    },
    async (request, reply) => {
      const { created, result } = await register(app.deps, caller(request), request.params.id);
      reply.code(created ? 201 : 200);
      return result;
    },
  );

  app.delete(
    '/api/events/:id/registrations',
    {
      onRequest: signedIn,
      schema: {
        tags,
        operationId: 'cancelWebinarRegistration',
        security,
        summary: 'Cancel my registration (the next person on the waitlist gets the seat)',
        problems: ['NOT_FOUND'],
        params: ZEventParams,
        response: { 204: ZNoContent },
      },
    },
    async (request, reply) => {
      await cancelRegistration(app.deps, caller(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  const csvExport = async (request: FastifyRequest, reply: FastifyReply, id: string) =>
    sendFile(
      reply,
      await exportRegistrationsCsv(app.deps, caller(request), id),
      'text/csv; charset=utf-8',
      'no-store',
    );

  app.get(
    '/api/events/:id/registrations',
    {
      onRequest: signedIn,
      schema: {
        tags,
        operationId: 'listWebinarRegistrations',
        security,
        summary:
          'The registrations, waitlist and attendance (hosts and admins); format=csv to export (needs a fresh step-up)',
        problems: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_CURSOR', 'STEP_UP_REQUIRED'],
        params: ZEventParams,
        querystring: ZRegistrationListQuery,
        response: { 200: ZRegistrationPage.or(textBody('text/csv when format=csv')) },
      },
    },
    async (request, reply) => {
      if (request.query.format === 'csv') return csvExport(request, reply, request.params.id);
      return listRegistrations(app.deps, caller(request), request.params.id, request.query);
    },
  );

  app.get(
    '/api/events/:id/registrations.csv',
    {
      onRequest: signedIn,
      schema: {
        tags,
        operationId: 'exportWebinarRegistrations',
        security,
        summary: 'The registrations as CSV for Excel (hosts and admins); needs a fresh step-up',
        problems: ['NOT_FOUND', 'FORBIDDEN', 'STEP_UP_REQUIRED'],
        params: ZEventParams,
        response: { 200: textBody('text/csv') },
      },
    },
    (request, reply) => csvExport(request, reply, request.params.id),
  );

  app.post(
    '/api/events/:id/attendance',
    {
      onRequest: signedIn,
      schema: {
        tags,
        operationId: 'recordWebinarAttendance',
        security,
        summary: 'Called by the live page when opened: counts the registrant as attending during the event',
        problems: ['NOT_FOUND', 'FORBIDDEN'],
        params: ZEventParams,
        response: { 200: ZAttendanceResult },
      },
    },
    (request) => recordAttendance(app.deps, caller(request), request.params.id),
  );

  app.get(
    '/api/me/calendar-feed',
    {
      onRequest: signedIn,
      schema: {
        tags,
        operationId: 'getCalendarFeed',
        security,
        summary: 'The address of my calendar feed (made on first use)',
        response: { 200: ZCalendarFeed },
      },
    },
    (request) => getCalendarFeed(app.deps, caller(request)),
  );

  app.post(
    '/api/me/calendar-feed',
    {
      onRequest: signedIn,
      schema: {
        tags,
        operationId: 'rotateCalendarFeed',
        security,
        summary: 'A new address for my calendar feed; the old one stops working',
        response: { 200: ZCalendarFeed },
      },
    },
    (request) => rotateCalendarFeed(app.deps, caller(request)),
  );

  app.delete(
    '/api/me/calendar-feed',
    {
      onRequest: signedIn,
      schema: {
        tags,
        operationId: 'revokeCalendarFeed',
        security,
        summary: 'Turn my calendar feed off',
        response: { 204: ZNoContent },
      },
    },
    async (request, reply) => {
      await revokeCalendarFeed(app.deps, caller(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/calendar/:token.ics',
    {
      schema: {
        tags,
        operationId: 'getCalendarFeedFile',
        security: publicRoute,
        summary: 'A personal calendar feed; the secret address is the credential',
        // A token the route's pattern cannot take (a control character) is answered as an unknown path.
        problems: ['NOT_FOUND', 'ROUTE_NOT_FOUND'],
        params: z.object({ token: ZLine.max(200) }),
        response: { 200: textBody('text/calendar') },
      },
    },
    async (request, reply) =>
      reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(await calendarFeedIcs(app.deps, request.params.token)),
  );
};
