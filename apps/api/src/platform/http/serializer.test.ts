import { ZDashboard, ZDossier, ZExpiryRule, ZMessagePage, ZProblem } from '@capitune/contracts';
import Fastify from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileJsonSerializer, serializerCompiler } from './serializer';

/** The body a one-route app sends for `payload` with `schema` as its 200 response. */
async function send(schema: z.ZodType, payload: unknown): Promise<string> {
  const app = Fastify();
  app.setSerializerCompiler(serializerCompiler);
  app.get('/', { schema: { response: { 200: schema } } }, async () => payload);
  try {
    const response = await app.inject('/');
    expect(response.statusCode).toBe(200);
    return response.body;
  } finally {
    await app.close();
  }
}

/** What the zod serializer (used before) writes. */
function zodBody(schema: z.ZodType, payload: unknown): string {
  return zodSerializerCompiler({ schema, method: 'GET', url: '/', httpStatus: '200' })(payload);
}

const id = '0b7e2c3a-4f4e-4d7c-9a51-2f1d6f0e8a10';
const otherId = '5d0f6e7a-1b2c-4d3e-8f9a-0b1c2d3e4f50';
const at = '2025-05-01T12:30:00.000Z';

const ZUser = z.object({ id: z.uuid(), email: z.string(), displayName: z.string().nullable() });
const row = { id, email: 'a@capitune.test', displayName: null, password_hash: '$argon2id$secret', totp: 'X' };

describe('response serialisation', () => {
  it('never sends a field the response schema does not declare, at any depth', async () => {
    const schema = z.object({
      user: ZUser,
      agent: ZUser.nullable(),
      members: z.array(ZUser),
      byId: z.record(z.string(), ZUser),
      page: z.object({ items: z.array(ZUser) }).nullable(),
    });
    expect(compileJsonSerializer(schema)).not.toBeNull();
    const body = await send(schema, {
      user: row,
      agent: row,
      members: [row],
      byId: { a: row },
      page: { items: [row] },
    });
    expect(body).not.toContain('password_hash');
    expect(body).not.toContain('totp');
    const user = { id, email: 'a@capitune.test', displayName: null };
    expect(JSON.parse(body)).toStrictEqual({
      user,
      agent: user,
      members: [user],
      byId: { a: user },
      page: { items: [user] },
    });
  });

  it('writes what the zod serializer wrote: dates, nulls, enums, optionals, records, arrays of objects', async () => {
    const schema = z.object({
      at: z.iso.datetime(),
      day: z.iso.date().nullable(),
      when: z.iso.datetime().nullable(),
      status: z.enum(['draft', 'submitted']),
      kind: z.literal('note'),
      count: z.number().int(),
      ratio: z.number(),
      done: z.boolean(),
      note: z.string().nullable(),
      label: z.string().optional(),
      tags: z.array(z.string()),
      ids: z.array(z.uuid()).nullable(),
      params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
      owner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      items: z.array(
        z.object({ id: z.uuid(), extra: z.string().optional(), at: z.iso.datetime().nullable() }),
      ),
      any: z.unknown(),
    });
    expect(compileJsonSerializer(schema)).not.toBeNull();
    const payloads = [
      {
        at,
        day: '2025-05-01',
        when: at,
        status: 'draft',
        kind: 'note',
        count: 3,
        ratio: 0.25,
        done: true,
        note: 'Guillemets « " », barre \\, saut\nde ligne, emoji 🍁, seul \ud800',
        label: 'x',
        tags: ['a', 'b'],
        ids: [id, otherId],
        params: { name: 'passeport.pdf', count: 2, none: null },
        owner: { id, name: 'Élodie' },
        items: [
          { id, extra: 'y', at },
          { id: otherId, at: null },
        ],
        any: { nested: [1, 'two', null] },
      },
      {
        at,
        day: null,
        when: null,
        status: 'submitted',
        kind: 'note',
        count: 0,
        ratio: -1e21,
        done: false,
        note: null,
        label: undefined,
        tags: [],
        ids: null,
        params: {},
        owner: null,
        items: [],
        any: null,
      },
    ];
    for (const payload of payloads) {
      // The same values; fast-json-stringify writes optional properties after the required ones.
      expect(JSON.parse(await send(schema, payload))).toStrictEqual(JSON.parse(zodBody(schema, payload)));
    }
  });

  it('writes the contract responses byte for byte as before', async () => {
    const summary = {
      id,
      programId: 'express-entry',
      status: 'preparing',
      fileNumber: null,
      owner: { id, firstName: 'Amélie', lastName: 'Tremblay' },
      agent: {
        id: otherId,
        firstName: 'Marc',
        lastName: 'Roy',
        organisation: { id, name: 'Cabinet Nord' },
        licenceNumber: 'R512345',
        standing: 'grace',
        supervisor: null,
      },
      progress: {
        approved: 1,
        required: 2,
        percent: 50,
        members: [{ memberId: id, approved: 1, required: 2 }],
      },
      toReview: 0,
      expiringSoon: 1,
      updatedAt: at,
      createdAt: at,
    };
    const document = {
      id,
      dossierId: id,
      itemId: 'passport',
      memberId: id,
      version: 1,
      status: 'rejected',
      rejectionReason: 'Illisible',
      originalName: 'passeport.pdf',
      contentType: 'application/pdf',
      sizeBytes: 1234,
      sha256: 'ab'.repeat(32),
      issueDate: '2020-01-15',
      expiryDate: null,
      uploadedAt: at,
      reviewedAt: at,
    };
    const milestone = { id, kind: 'decision', label: null, date: '2025-06-01', done: false, note: null };
    const action = {
      kind: 'replace_rejected',
      dossierId: id,
      itemId: 'passport',
      memberId: id,
      documentId: id,
      milestoneId: null,
      date: at,
    };
    const dossier = {
      ...summary,
      members: [{ id, role: 'principal', fullName: 'Amélie Tremblay', dateOfBirth: '1990-03-02' }],
      milestones: [milestone],
      checklist: [
        {
          itemId: 'passport',
          memberId: id,
          state: 'rejected',
          current: document,
          previousVersions: [document],
        },
        { itemId: 'photo', memberId: id, state: 'missing', current: null, previousVersions: [] },
      ],
      otherDocuments: [],
      pendingRequest: null,
      nextAction: action,
      viewerRole: 'owner',
      legalHold: null,
    };
    const dashboard = {
      role: 'candidate',
      dossiers: [summary],
      nextActions: [action],
      incomingRequests: [],
      invitations: [],
      upcomingMilestones: [{ ...milestone, dossierId: id }],
      nextWebinar: null,
      recentNotifications: [
        {
          id,
          type: 'document.rejected',
          params: { name: 'passeport.pdf', n: 1 },
          link: null,
          readAt: null,
          createdAt: at,
        },
      ],
    };
    const messages = {
      items: [
        {
          id,
          dossierId: id,
          seq: 2,
          author: { id, firstName: 'Amélie', lastName: 'Tremblay', role: 'candidate' },
          clientId: otherId,
          body: 'Bonjour',
          documentIds: [id],
          createdAt: at,
        },
      ],
      nextBefore: null,
      readers: [{ userId: id, lastReadSeq: 2 }],
      lastSeq: 2,
    };
    const problem = {
      type: 'urn:capitune:problem:not-found',
      title: 'Not found',
      status: 404,
      code: 'NOT_FOUND',
    };
    const cases: [z.ZodType, unknown][] = [
      [ZDossier, dossier],
      [ZDashboard, dashboard],
      [ZMessagePage, messages],
      [ZProblem, { ...problem, instance: '/api/x' }],
    ];
    for (const [schema, payload] of cases) {
      expect(compileJsonSerializer(schema)).not.toBeNull();
      expect(await send(schema, payload)).toBe(zodBody(schema, payload));
    }
  });

  it('keeps the zod serializer for a schema JSON Schema cannot express, or that zod encodes', async () => {
    const date = z.object({ at: z.date() });
    const rules = z.object({ rule: ZExpiryRule.nullable() });
    const objectOrText = z.object({ id: z.uuid() }).or(z.string());
    const codec = z.object({
      n: z.codec(z.string(), z.number(), { decode: Number, encode: (n) => `#${n}` }),
    });
    const trimmed = z.object({ email: z.string().trim().toLowerCase() });
    const transformed = z.object({ name: z.string().transform((name) => name.length) });
    for (const schema of [date, rules, objectOrText, codec, trimmed, transformed]) {
      expect(compileJsonSerializer(schema)).toBeNull();
    }
    expect(JSON.parse(await send(date, { at: new Date(at) }))).toStrictEqual({ at });
    expect(JSON.parse(await send(rules, { rule: { kind: 'own_date', secret: 1 } }))).toStrictEqual({
      rule: { kind: 'own_date' },
    });
    expect(JSON.parse(await send(objectOrText, { id, secret: 1 }))).toStrictEqual({ id });
    expect(JSON.parse(await send(codec, { n: 5 }))).toStrictEqual({ n: '#5' });
    expect(JSON.parse(await send(trimmed, { email: ' A@B.test ' }))).toStrictEqual({ email: 'a@b.test' });
  });
});
