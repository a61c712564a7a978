import { z } from 'zod';

/** A JSON Schema or OpenAPI object as written into the document. */
export type Json = Record<string, unknown>;

/** The JSON Schema of what a zod schema accepts (its input side), without the `$schema` header. */
export function schema(s: z.ZodType): Json {
  const out = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json;
  delete out.$schema;
  return out;
}

/** A zod object of query parameters as OpenAPI parameters, one per property. */
export function queryParams(s: z.ZodType): Json[] {
  const js = schema(s) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, p]) => ({
    name,
    in: 'query',
    required: js.required?.includes(name) ?? false,
    schema: p,
  }));
}
