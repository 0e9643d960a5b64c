import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HealthSchema } from '../../shared/sync/central-api';
import { call } from '../test-fixtures';
import { startTempCentral, type TempCentral } from '../testing';

let server: TempCentral;
beforeEach(async () => {
  server = await startTempCentral();
});
afterEach(() => server.dispose());

describe('the OpenAPI document', () => {
  it('lists every route the server answers, with the methods, auth and the request schemas', async () => {
    const res = await call(server, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.json as { openapi: string; paths: Record<string, Record<string, { security: unknown[]; requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>> };
    expect(doc.openapi).toBe('3.1.0');
    // Every route Fastify knows (printRoutes lists them) is in the document, and nothing else is.
    const fromServer = server.routes().map((r) => `${r.method} ${r.url.replace(/:([A-Za-z_]+)/g, '{$1}')}`).sort();
    const fromDoc = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    expect(fromDoc).toEqual(fromServer);
    expect(fromDoc).toEqual(expect.arrayContaining([
      'POST /v1/enrol', 'GET /v1/centers/{center}/changes', 'POST /v1/centers/{center}/push', 'GET /v1/centers/{center}/reference',
      'GET /v1/images/{hash}', 'POST /v1/intake/applications', 'POST /v1/events/produced', 'GET /v1/status/{number}', 'GET /openapi.json', 'GET /health',
    ]));
    const pushOp = doc.paths['/v1/centers/{center}/push']!.post!;
    expect(pushOp.security).toEqual([{ workstation: [] }]);
    expect(Object.keys(pushOp.requestBody!.content['application/json']!.schema.properties!)).toEqual(['workstation', 'schemaVersion', 'auditHead', 'ops']);
    expect(doc.paths['/v1/admin/enrolment-codes']!.post!.security).toEqual([{ admin: [] }]);
  });

  it('the health check answers without a token', async () => {
    const res = await call(server, 'GET', '/health');
    expect(HealthSchema.parse(res.json)).toMatchObject({ status: 'ok', training: false });
  });
});
