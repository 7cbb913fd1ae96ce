import fastJsonStringify from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type JsonSchema = { [keyword: string]: unknown };

/**
 * Response serialisation compiled once per route: the zod response schema becomes a JSON Schema, and
 * fast-json-stringify turns that into a function writing exactly the declared fields. A zod encode of
 * every response (the plugin's serializer) cost ≈ 8 % of the API's CPU (decision 007).
 *
 * Objects get `additionalProperties: false`, so a field the schema does not declare (a password hash
 * on a whole user row) is never written, as the zod encode stripped it. A schema JSON Schema cannot
 * express, or one fast-json-stringify could only handle by validating against object branches, keeps
 * the zod serializer for that route: the choice is made here, when the route is compiled.
 */
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = (route) =>
  compileJsonSerializer(route.schema) ?? zodSerializerCompiler(route);

/** fast-json-stringify's function for a response schema, or null when the zod serializer must stay. */
export function compileJsonSerializer(schema: z.ZodType): ((data: unknown) => string) | null {
  let jsonSchema: JsonSchema;
  try {
    // Dates, transforms and custom types throw: JSON Schema cannot describe them.
    jsonSchema = z.toJSONSchema(schema, {
      io: 'output',
      target: 'draft-07',
      override: refuseEncoded,
    }) as JsonSchema;
  } catch {
    return null;
  }
  delete jsonSchema.$schema;
  return simplify(jsonSchema) ? fastJsonStringify(jsonSchema) : null;
}

/** Stops the JSON Schema conversion of a schema that only zod can write (caught below). */
class EncodedByZod extends Error {
  override name = 'EncodedByZod';
}

/**
 * The zod serializer encodes: codecs and pipes run backwards, trim or lowercase rewrite the value. JSON
 * Schema describes only the parsed type, so fast-json-stringify would write the value unencoded.
 */
function refuseEncoded({ zodSchema }: { zodSchema: z.core.$ZodTypes }): void {
  const { def } = zodSchema._zod;
  if (def.type === 'pipe' || def.checks?.some((check) => check._zod.def.check === 'overwrite')) {
    throw new EncodedByZod();
  }
}

const combinators = ['anyOf', 'oneOf', 'allOf', 'not', 'if'];

/**
 * Rewrites zod's nullable objects and arrays (`anyOf: [X, {type: 'null'}]`) as `X` with `nullable: true`,
 * which fast-json-stringify writes directly. It serialises any other union by validating the value
 * against each branch: an object branch with `additionalProperties: false` would reject a value with an
 * undeclared field instead of dropping it, so such a schema is refused (false).
 */
function simplify(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return true;
  if (Array.isArray(node)) return node.every(simplify);
  const schema = node as JsonSchema;
  const nullable = nullableBranch(schema.anyOf);
  if (nullable) {
    delete schema.anyOf;
    Object.assign(schema, nullable, { nullable: true });
  }
  if (combinators.some((keyword) => keyword in schema) && declaresObject(schema)) return false;
  return Object.values(schema).every(simplify);
}

/** X of `anyOf: [X, {type: 'null'}]` in either order, when X is a plain schema. */
function nullableBranch(anyOf: unknown): JsonSchema | null {
  if (!Array.isArray(anyOf) || anyOf.length !== 2) return null;
  const nullIndex = anyOf.findIndex((branch) => branch.type === 'null' && Object.keys(branch).length === 1);
  if (nullIndex === -1) return null;
  const other = anyOf[1 - nullIndex] as JsonSchema;
  return combinators.some((keyword) => keyword in other) || '$ref' in other ? null : other;
}

function declaresObject(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  if ((node as JsonSchema).type === 'object') return true;
  return Object.values(node).some(declaresObject);
}
