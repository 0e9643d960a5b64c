import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route';

/** An OpenAPI 3.1 document generated from the same zod schemas the routes validate with. */
export function openApiDocument(routes: readonly RouteSpec[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters = [
      ...objectKeys(r.params).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
      ...objectKeys(r.query).map(([name, schema, required]) => ({ name, in: 'query', required, schema })),
    ];
    const responses = Object.fromEntries(
      Object.entries(r.responses).map(([status, spec]) => [
        status,
        spec instanceof z.ZodType
          ? { description: `HTTP ${status}`, content: { 'application/json': { schema: jsonSchema(spec) } } }
          : { description: spec.description, ...(spec.contentType === 'none' ? {} : { content: { [spec.contentType]: {} } }) },
      ]),
    );
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary,
      tags: [r.tag],
      ...(r.auth === 'none' ? { security: [] } : { security: r.auth === 'admin' ? [{ admin: [] }] : r.auth === 'admin_page' ? [{ adminPage: [] }] : r.auth === 'workstation' ? [{ workstation: [] }] : [{ workstation: [] }, { admin: [] }] }),
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } } : {}),
      ...(r.rawBody ? { requestBody: { required: true, description: r.rawBody.description, content: { [r.rawBody.contentType]: { schema: { type: 'string', format: 'binary' } } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Central server of the service-center licence console', version: '1' },
    components: {
      securitySchemes: {
        workstation: { type: 'http', scheme: 'bearer', description: 'The per-workstation token from /v1/enrol.' },
        admin: { type: 'http', scheme: 'bearer', description: 'The server admin token printed at start.' },
        adminPage: { type: 'http', scheme: 'basic', description: 'Pages for IT in a browser: any user name, the admin token as the password.' },
      },
    },
    paths,
  };
}

function jsonSchema(schema: z.ZodType): unknown {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function objectKeys(schema: z.ZodType | undefined): [string, unknown, boolean][] {
  if (!schema) return [];
  const json = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([k, v]) => [k, v, (json.required ?? []).includes(k)]);
}

export function openApiRoutes(all: () => readonly RouteSpec[]): RouteSpec[] {
  let cached: string | null = null;
  return [
    defineRoute({
      method: 'GET', url: '/openapi.json', tag: 'operations', auth: 'none',
      summary: 'This document.',
      responses: { 200: { contentType: 'application/json', description: 'OpenAPI 3.1' } },
      handler: () => ({ raw: (cached ??= JSON.stringify(openApiDocument(all()))), contentType: 'application/json; charset=utf-8' }),
    }),
  ];
}
