import type { FastifyInstance } from 'fastify';
import { ScimError } from './errors';

/**
 * A path answers the methods it lacks (DELETE /Users, POST /Schemas) with 405,
 * an Allow header and a SCIM body, not 404: the path exists.
 */
export function methodNotAllowed(app: FastifyInstance, url: string, allowed: string[]): void {
  const others = ['POST', 'PUT', 'PATCH', 'DELETE'].filter((method) => !allowed.includes(method));
  // A collection takes new resources; discovery endpoints describe the server and change only with it.
  const hint = allowed.includes('POST') ? ` Name one resource (${url}/<id>) to change or delete it.` : ' It describes the server, and changes only with it.';
  app.route({
    method: others,
    url,
    handler: async (request, reply) => {
      reply.header('Allow', allowed.join(', '));
      throw new ScimError(405, `${request.method} is not allowed on ${request.url.split('?')[0]}; it takes ${allowed.join(' and ')}.${hint}`);
    },
  });
}
