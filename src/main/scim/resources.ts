import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, ScimError } from './errors';
import { LIST_SCHEMA, MAX_PAGE } from './discovery';

/** What a list request asks for (RFC 7644 section 3.4.2). */
export interface ListQuery {
  filter: string | null;
  /** 1-based; values below 1 are read as 1. */
  startIndex: number;
  /** 0 gives totals only; capped at MAX_PAGE. */
  count: number;
  sortBy: string | null;
  sortOrder: 'ascending' | 'descending';
  attributes: string[] | null;
  excludedAttributes: string[] | null;
}

function integer(value: unknown, name: string): number | null {
  if (value === undefined || value === '') return null;
  const text = String(value).trim();
  if (!/^-?\d+$/.test(text)) throw badRequest('invalidValue', `${name} must be a whole number, not "${text}".`);
  return Number(text);
}

function names(value: unknown): string[] | null {
  if (value === undefined || value === '') return null;
  return String(value)
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

/** Reads the query string of a GET list (or the body of a POST .search). */
export function readListQuery(query: Record<string, unknown>): ListQuery {
  const order = query.sortOrder === undefined ? 'ascending' : String(query.sortOrder).toLowerCase();
  if (order !== 'ascending' && order !== 'descending') throw badRequest('invalidValue', `sortOrder is "ascending" or "descending", not "${String(query.sortOrder)}".`);
  const count = integer(query.count, 'count');
  return {
    filter: query.filter === undefined || query.filter === '' ? null : String(query.filter),
    startIndex: Math.max(1, integer(query.startIndex, 'startIndex') ?? 1),
    count: count === null ? 100 : Math.min(MAX_PAGE, Math.max(0, count)),
    sortBy: query.sortBy === undefined || query.sortBy === '' ? null : String(query.sortBy),
    sortOrder: order,
    attributes: names(query.attributes),
    excludedAttributes: names(query.excludedAttributes),
  };
}

export function listResponse(resources: unknown[], totalResults: number, startIndex: number) {
  return { schemas: [LIST_SCHEMA], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}

/** meta.version: a weak ETag of the resource's content, so any change to what a client sees changes it. */
export function etagOf(resource: Record<string, unknown>): string {
  const { meta: _meta, ...content } = resource;
  return `W/"${createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 22)}"`;
}

/** Refuses a write whose If-Match names another version (412), as RFC 7644 section 3.14 asks. */
export function checkIfMatch(request: FastifyRequest, etag: string): void {
  const header = request.headers['if-match'];
  if (header === undefined) return;
  const wanted = String(header)
    .split(',')
    .map((tag) => tag.trim());
  if (wanted.includes('*') || wanted.includes(etag)) return;
  throw new ScimError(412, `The resource has changed: it is at version ${etag}, not ${wanted.join(', ')}. Read it again, then retry.`);
}

/** Answers a resource with its ETag, and 304 when the client's If-None-Match already has it. */
export function sendResource(request: FastifyRequest, reply: FastifyReply, resource: Record<string, unknown>, status = 200) {
  const version = (resource.meta as { version?: string } | undefined)?.version;
  if (version) reply.header('ETag', version);
  if (status === 200 && version && request.method === 'GET' && request.headers['if-none-match'] === version) return reply.code(304).send();
  if (status === 201 && typeof (resource.meta as { location?: string } | undefined)?.location === 'string') reply.header('Location', (resource.meta as { location: string }).location);
  return reply.code(status).send(resource);
}

const ALWAYS = new Set(['id', 'schemas']);

/**
 * Applies attributes / excludedAttributes (RFC 7644 section 3.4.2.5) to a
 * resource: names are case-insensitive, may carry the schema URN, and may name
 * a sub-attribute ("name.givenName"); id and schemas are always returned.
 */
export function project(resource: Record<string, unknown>, attributes: string[] | null, excluded: string[] | null): Record<string, unknown> {
  if (!attributes && !excluded) return resource;
  const strip = (name: string) => name.replace(/^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i, '');
  if (attributes) {
    const wanted = attributes.map(strip);
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(resource)) {
      if (ALWAYS.has(key)) {
        out[key] = value;
        continue;
      }
      const lower = key.toLowerCase();
      if (wanted.some((name) => name.toLowerCase() === lower)) out[key] = value;
      else {
        const subs = wanted.filter((name) => isSubOf(name.toLowerCase(), lower)).map((name) => name.slice(key.length + 1).toLowerCase());
        if (subs.length > 0 && value && typeof value === 'object') {
          const pick = (item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).filter(([sub]) => subs.includes(sub.toLowerCase())));
          // A value with none of the sub-attributes asked for is left out, not answered as {} ("name": {}).
          const picked = Array.isArray(value) ? value.map((item) => pick(item as Record<string, unknown>)).filter((item) => Object.keys(item).length > 0) : pick(value as Record<string, unknown>);
          if (Array.isArray(picked) ? picked.length > 0 : Object.keys(picked).length > 0) out[key] = picked;
        }
      }
    }
    return out;
  }
  const dropped = excluded!.map((name) => strip(name).toLowerCase());
  return Object.fromEntries(
    Object.entries(resource)
      .filter(([key]) => ALWAYS.has(key) || !dropped.includes(key.toLowerCase()))
      .map(([key, value]) => {
        // A sub-attribute excluded ("name.givenName", "urn:...:User:department") leaves the rest of its attribute.
        const lower = key.toLowerCase();
        const subs = dropped.filter((name) => isSubOf(name, lower)).map((name) => name.slice(key.length + 1));
        if (subs.length === 0 || ALWAYS.has(key) || !value || typeof value !== 'object') return [key, value];
        const omit = (item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).filter(([sub]) => !subs.includes(sub.toLowerCase())));
        return [key, Array.isArray(value) ? value.map((item) => omit(item as Record<string, unknown>)) : omit(value as Record<string, unknown>)];
      }),
  );
}

/** Whether a lower-case attribute name names a sub-attribute of `parent`: "name.givenname", or "urn:...:user:department" for an extension. */
function isSubOf(name: string, parent: string): boolean {
  return name.startsWith(`${parent}.`) || (parent.startsWith('urn:') && name.startsWith(`${parent}:`));
}
