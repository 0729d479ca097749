import type { FastifyRequest } from 'fastify';
import { checkIfMatch, etagOf, listResponse, project, readListQuery, sendResource } from '../resources';
import { methodNotAllowed } from '../method-not-allowed';
import { SCIM_BASE, type ScimRoutes } from '../server';
import { createScimUserService } from './service';

type WithId = FastifyRequest<{ Params: { id: string } }>;

/** The server's /scim/v2 URL as the client reached it, for meta.location and $ref. */
const baseOf = (request: FastifyRequest) => `${request.protocol}://${request.headers.host}${SCIM_BASE}`;

/** /Users (RFC 7644 section 3): list and search, read, create, replace, patch and delete. */
export const usersRoutes: ScimRoutes = (app, context) => {
  const users = createScimUserService(context);
  // Writes run in the next group commit (group-commit.ts) and are answered once it is durable.
  const { writes } = context;
  const ifMatch = (request: FastifyRequest) => (current: Record<string, unknown>) => checkIfMatch(request, etagOf(current));

  const list = (request: FastifyRequest, query: Record<string, unknown>) => {
    const options = readListQuery(query);
    const { resources, total } = users.list(options, baseOf(request));
    return listResponse(
      resources.map((resource) => project(resource, options.attributes, options.excludedAttributes)),
      total,
      options.startIndex,
    );
  };

  methodNotAllowed(app, '/Users', ['GET', 'POST']);
  app.get('/Users', async (request) => list(request, request.query as Record<string, unknown>));
  app.post('/Users/.search', async (request) => list(request, (request.body ?? {}) as Record<string, unknown>));

  app.get('/Users/:id', async (request: WithId, reply) => {
    const options = readListQuery(request.query as Record<string, unknown>);
    const user = users.get(request.params.id, baseOf(request));
    const shown = project(user, options.attributes, options.excludedAttributes);
    return sendResource(request, reply, { ...shown, meta: user.meta });
  });

  app.post('/Users', async (request, reply) => sendResource(request, reply, await writes.run(() => users.create(request.body, request.scimActor!, baseOf(request))), 201));

  app.put('/Users/:id', async (request: WithId, reply) =>
    sendResource(request, reply, await writes.run(() => users.replace(request.params.id, request.body, request.scimActor!, baseOf(request), ifMatch(request)))),
  );

  app.patch('/Users/:id', async (request: WithId, reply) =>
    sendResource(request, reply, await writes.run(() => users.patch(request.params.id, request.body, request.scimActor!, baseOf(request), ifMatch(request)))),
  );

  app.delete('/Users/:id', async (request: WithId, reply) => {
    await writes.run(() => users.remove(request.params.id, request.scimActor!, baseOf(request), ifMatch(request)));
    return reply.code(204).send();
  });
};
