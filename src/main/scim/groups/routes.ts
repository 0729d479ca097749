import type { FastifyReply, FastifyRequest } from 'fastify';
import { checkIfMatch, readListQuery } from '../resources';
import { methodNotAllowed } from '../method-not-allowed';
import { SCIM_BASE, type ScimRoutes } from '../server';
import { readGroupPatch } from './patch';
import { createGroupService, type VersionCheck } from './service';

type IdRequest = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, unknown> }>;

/** The server's /scim/v2 URL as the client reached it, for $ref and meta.location. */
const baseOf = (request: FastifyRequest) => `${request.protocol}://${request.headers.host}${SCIM_BASE}`;

/** If-Match is checked in the write's transaction, and only when sent: computing a version costs a read. */
const versionCheck = (request: FastifyRequest): VersionCheck => (request.headers['if-match'] === undefined ? null : (version) => checkIfMatch(request, version));

function noneMatch(request: FastifyRequest, version: string): boolean {
  const header = request.headers['if-none-match'];
  if (header === undefined) return false;
  const tags = String(header).split(',').map((tag) => tag.trim());
  return tags.includes('*') || tags.includes(version);
}

function send(reply: FastifyReply, status: number, answer: { resource: Record<string, unknown>; version: string }) {
  reply.header('ETag', answer.version);
  if (status === 201) reply.header('Location', (answer.resource.meta as { location?: string } | undefined)?.location ?? '');
  return reply.code(status).send(answer.resource);
}

/** /Groups: list, search, read, create, replace, patch and delete (RFC 7644 section 3). */
export const groupRoutes: ScimRoutes = (app, context) => {
  const groups = createGroupService(context);
  // Writes run in the next group commit (group-commit.ts) and are answered once it is durable;
  // the answer is read in the same savepoint, so it shows the group as this request left it.
  const { writes } = context;

  methodNotAllowed(app, '/Groups', ['GET', 'POST']);
  app.get('/Groups', async (request) => groups.list(readListQuery(request.query as Record<string, unknown>), baseOf(request)));

  app.post('/Groups/.search', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    return reply.code(200).send(groups.list(readListQuery(typeof body === 'object' && body !== null ? body : {}), baseOf(request)));
  });

  app.get('/Groups/:id', async (request: IdRequest, reply) => {
    const query = readListQuery(request.query);
    const answer = groups.get(request.params.id, baseOf(request), query.attributes, query.excludedAttributes);
    if (noneMatch(request, answer.version)) return reply.header('ETag', answer.version).code(304).send();
    return send(reply, 200, answer);
  });

  app.post('/Groups', async (request: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply) => {
    const answer = await writes.run(() => {
      const id = groups.create(request.body, request.scimActor!);
      const query = readListQuery(request.query);
      return groups.get(id, baseOf(request), query.attributes, query.excludedAttributes);
    });
    return send(reply, 201, answer);
  });

  app.put('/Groups/:id', async (request: IdRequest, reply) => {
    const answer = await writes.run(() => {
      groups.replace(request.params.id, request.body, request.scimActor!, versionCheck(request));
      const query = readListQuery(request.query);
      return groups.get(request.params.id, baseOf(request), query.attributes, query.excludedAttributes);
    });
    return send(reply, 200, answer);
  });

  // 204 unless the client asks for attributes (RFC 7644 section 3.5.2): a member added to a group of 100,000 must not send them all back.
  app.patch('/Groups/:id', async (request: IdRequest, reply) => {
    const query = readListQuery(request.query);
    const answer = await writes.run(() => {
      const version = groups.patch(request.params.id, readGroupPatch(request.body, request.params.id), request.scimActor!, versionCheck(request));
      return query.attributes === null && query.excludedAttributes === null ? version : groups.get(request.params.id, baseOf(request), query.attributes, query.excludedAttributes);
    });
    if (typeof answer === 'string') return reply.header('ETag', answer).code(204).send();
    return send(reply, 200, answer);
  });

  app.delete('/Groups/:id', async (request: IdRequest, reply) => {
    await writes.run(() => groups.remove(request.params.id, request.scimActor!, versionCheck(request)));
    return reply.code(204).send();
  });
};
