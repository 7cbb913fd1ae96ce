import { appErrorStatus } from '@capitune/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';

type Operation = {
  operationId?: string;
  security?: unknown[];
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>>; servers?: unknown[] };

type ProblemSchema = { allOf: [{ $ref: string }, { properties: { code: { enum: string[] } } }] };

const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete']);

describe('the OpenAPI document', () => {
  let t: TestApp;
  let document: Document;
  let operations: { method: string; path: string; operation: Operation }[];

  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.has(method))
        .map(([method, operation]) => ({ method, path, operation })),
    );
  });
  afterAll(async () => t.close());

  it('names every operation with a unique camelCase operationId', () => {
    const ids = operations.map(({ method, path, operation }) => operation.operationId ?? `${method} ${path}`);
    expect(ids.filter((id) => !/^[a-z][a-zA-Z0-9]+$/.test(id))).toEqual([]);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it('says of every operation whether it needs the bearer token', () => {
    expect(
      operations.filter(({ operation }) => !Array.isArray(operation.security)).map((o) => o.path),
    ).toEqual([]);
    for (const { operation } of operations)
      for (const requirement of operation.security ?? []) expect(requirement).toEqual({ bearerAuth: [] });
  });

  it('documents problems as application/problem+json under their statuses', () => {
    const codesOf = (response: Operation['responses'][string] | undefined) =>
      (response?.content?.['application/problem+json']?.schema as ProblemSchema | undefined)?.allOf[1]
        .properties.code.enum;
    const secured = operations.find(({ operation }) => (operation.security ?? []).length > 0);
    expect(codesOf(secured?.operation.responses[401])).toEqual(['UNAUTHENTICATED', 'SESSION_EXPIRED']);
    for (const { operation } of operations) {
      expect(codesOf(operation.responses[500])).toEqual(['INTERNAL']);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        const codes = codesOf(response) ?? [];
        expect(codes.length).toBeGreaterThan(0);
        for (const code of codes)
          expect(appErrorStatus[code as keyof typeof appErrorStatus]).toBe(Number(status));
      }
    }
    expect(document.servers).toEqual([{ url: '/', description: 'This CAPITUNE instance' }]);
  });
});
