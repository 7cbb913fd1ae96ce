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
import {
  calendarFeedIcs,
  getCalendarFeed,
  revokeCalendarFeed,
  rotateCalendarFeed,
} from './calendar-feed.service';
import { createEvent, eventIcsFile, getEvent, listEvents, updateEvent } from './live.service';
import {
  cancelRegistration,
  exportRegistrationsCsv,
  listRegistrations,
  recordAttendance,
  register,
} from './registrations.service';

const tags = ['live'];
const security = [{ bearerAuth: [] }];
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

export const liveRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/events',
    {
      schema: {
        tags,
        summary: 'Webinars: a calendar range (from, to) or the upcoming list, in start order',
        querystring: ZEventListQuery,
        response: { 200: ZEventPage },
      },
    },
    (request) => listEvents(app.deps, request.user, request.query),
  );

  app.post(
    '/api/events',
    {
      onRequest: [withRole('pro', 'admin'), verifiedEmail],
      schema: {
        tags,
        security,
        summary: 'Create a webinar (pros and admins), as a draft or published',
        body: ZCreateEventBody,
        response: { 201: ZEvent },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return createEvent(app.deps, requireUser(request), request.body);
    },
  );

  app.get(
    '/api/events/:id',
    {
      schema: {
        tags,
        summary: 'A webinar, with the viewer’s registration and, when allowed, its stream or replay',
        params: ZEventParams,
        response: { 200: ZEvent },
      },
    },
    (request) => getEvent(app.deps, request.user, request.params.id),
  );

  app.patch(
    '/api/events/:id',
    {
      onRequest: signedIn,
      schema: {
        tags,
        security,
        summary: 'Edit, publish (status: scheduled) or cancel (status: cancelled) a webinar',
        params: ZEventParams,
        body: ZUpdateEventBody,
        response: { 200: ZEvent },
      },
    },
    (request) => updateEvent(app.deps, requireUser(request), request.params.id, request.body, request.ip),
  );

  app.get(
    '/api/events/:id/ics',
    {
      schema: {
        tags,
        summary: 'The webinar as an iCalendar file',
        params: ZEventParams,
        response: { 200: textBody('text/calendar') },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await eventIcsFile(app.deps, request.user, request.params.id),
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
        security,
        summary: 'Register (a seat, or the waitlist when full); 200 when already registered',
        params: ZEventParams,
        response: { 200: ZRegistrationResult, 201: ZRegistrationResult },
      },
    },
    async (request, reply) => {
      const { created, result } = await register(app.deps, requireUser(request), request.params.id);
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
        security,
        summary: 'Cancel my registration (the next person on the waitlist gets the seat)',
        params: ZEventParams,
        response: { 204: ZNoContent },
      },
    },
    async (request, reply) => {
      await cancelRegistration(app.deps, requireUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  const csvExport = async (request: FastifyRequest, reply: FastifyReply, id: string) =>
    sendFile(
      reply,
      await exportRegistrationsCsv(app.deps, requireUser(request), id, request.ip),
      'text/csv; charset=utf-8',
      'no-store',
    );

  app.get(
    '/api/events/:id/registrations',
    {
      onRequest: signedIn,
      schema: {
        tags,
        security,
        summary: 'The registrations, waitlist and attendance (hosts and admins); format=csv to export',
        params: ZEventParams,
        querystring: ZRegistrationListQuery,
        response: { 200: ZRegistrationPage.or(textBody('text/csv when format=csv')) },
      },
    },
    async (request, reply) => {
      if (request.query.format === 'csv') return csvExport(request, reply, request.params.id);
      return listRegistrations(app.deps, requireUser(request), request.params.id, request.query);
    },
  );

  app.get(
    '/api/events/:id/registrations.csv',
    {
      onRequest: signedIn,
      schema: {
        tags,
        security,
        summary: 'The registrations as CSV for Excel (hosts and admins)',
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
        security,
        summary: 'Called by the live page when opened: counts the registrant as attending during the event',
        params: ZEventParams,
        response: { 200: ZAttendanceResult },
      },
    },
    (request) => recordAttendance(app.deps, requireUser(request), request.params.id),
  );

  app.get(
    '/api/me/calendar-feed',
    {
      onRequest: signedIn,
      schema: {
        tags,
        security,
        summary: 'The address of my calendar feed (made on first use)',
        response: { 200: ZCalendarFeed },
      },
    },
    (request) => getCalendarFeed(app.deps, requireUser(request).id),
  );

  app.post(
    '/api/me/calendar-feed',
    {
      onRequest: signedIn,
      schema: {
        tags,
        security,
        summary: 'A new address for my calendar feed; the old one stops working',
        response: { 200: ZCalendarFeed },
      },
    },
    (request) => rotateCalendarFeed(app.deps, requireUser(request).id),
  );

  app.delete(
    '/api/me/calendar-feed',
    {
      onRequest: signedIn,
      schema: {
        tags,
        security,
        summary: 'Turn my calendar feed off',
        response: { 204: ZNoContent },
      },
    },
    async (request, reply) => {
      await revokeCalendarFeed(app.deps, requireUser(request).id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/calendar/:token.ics',
    {
      schema: {
        tags,
        summary: 'A personal calendar feed; the secret address is the credential',
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
