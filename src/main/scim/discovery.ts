import type { ScimRoutes } from './server';
import { ScimError } from './errors';
import { methodNotAllowed } from './method-not-allowed';
import { KEPT_ATTRIBUTES } from './users/kept-attributes';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** The most resources one page holds; a larger count is answered with this many. */
export const MAX_PAGE = 1000;
/**
 * The most operations one PATCH may hold (users and groups). More is 400
 * invalidValue: RFC 7644 defines tooMany for filters only (section 3.12).
 */
export const MAX_PATCH_OPERATIONS = 1000;

type Attribute = {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'dateTime' | 'reference' | 'binary';
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'default' | 'never' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  subAttributes?: Attribute[];
  referenceTypes?: string[];
};

function attribute(name: string, type: Attribute['type'], description: string, options: Partial<Attribute> = {}): Attribute {
  return { name, type, multiValued: false, description, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none', ...options };
}

const userAttributes: Attribute[] = [
  attribute('userName', 'string', "The member's email address, unique ignoring case; returned as the provider last spelled it.", { required: true, uniqueness: 'server' }),
  attribute('name', 'complex', "The member's name.", {
    subAttributes: [
      attribute('formatted', 'string', 'The full name, as shown.'),
      attribute('familyName', 'string', 'The family name.'),
      attribute('givenName', 'string', 'The given name.'),
      attribute('middleName', 'string', 'The middle name. Kept as sent.'),
      attribute('honorificPrefix', 'string', 'A title such as Ms. Kept as sent.'),
      attribute('honorificSuffix', 'string', 'A suffix such as III. Kept as sent.'),
    ],
  }),
  attribute('displayName', 'string', 'The name Roster shows for the member.'),
  attribute('emails', 'complex', 'Email addresses; the primary one is the userName.', {
    multiValued: true,
    subAttributes: [
      attribute('value', 'string', 'The address.'),
      attribute('type', 'string', 'work, home or other.'),
      attribute('primary', 'boolean', 'The primary address.'),
      attribute('display', 'string', 'The address as shown.'),
    ],
  }),
  attribute('active', 'boolean', 'True while the member holds a seat; false frees the seat and keeps the user.'),
  attribute('groups', 'complex', 'The teams the member is in (read-only: change them through /Groups).', {
    multiValued: true,
    mutability: 'readOnly',
    subAttributes: [
      attribute('value', 'string', "The group's id.", { mutability: 'readOnly' }),
      attribute('$ref', 'reference', "The group's URI.", { mutability: 'readOnly', referenceTypes: ['Group'] }),
      attribute('display', 'string', "The group's name.", { mutability: 'readOnly' }),
    ],
  }),
  // The other core attributes, kept as sent (users/kept-attributes.ts): what PATCH, PUT and POST accept and GET returns.
  ...KEPT_ATTRIBUTES.map((kept) =>
    attribute(kept.name, kept.subAttributes ? 'complex' : kept.type, kept.description, {
      multiValued: kept.multiValued,
      ...(kept.referenceTypes ? { referenceTypes: kept.referenceTypes } : {}),
      ...(kept.subAttributes
        ? {
            subAttributes: kept.subAttributes.map(([name, type, description]) =>
              attribute(name, type, description, type === 'reference' ? { referenceTypes: ['external'] } : {}),
            ),
          }
        : {}),
    }),
  ),
];

const groupAttributes: Attribute[] = [
  attribute('displayName', 'string', "The team's name, unique ignoring case.", { required: true, uniqueness: 'server' }),
  attribute('members', 'complex', "The team's members: each must hold a seat in the enterprise already.", {
    multiValued: true,
    subAttributes: [
      attribute('value', 'string', "The member's user id.", { mutability: 'immutable' }),
      attribute('$ref', 'reference', "The member's URI.", { mutability: 'immutable', referenceTypes: ['User'] }),
      attribute('display', 'string', "The member's name.", { mutability: 'readOnly' }),
      attribute('type', 'string', 'Always User.', { mutability: 'immutable' }),
    ],
  }),
];

const enterpriseAttributes: Attribute[] = [
  attribute('employeeNumber', 'string', 'Kept as sent.'),
  attribute('costCenter', 'string', 'Kept as sent.'),
  attribute('organization', 'string', 'Kept as sent.'),
  attribute('division', 'string', 'Kept as sent.'),
  attribute('department', 'string', 'Kept as sent.'),
  attribute('manager', 'complex', 'Kept as sent; a bare id (as Entra sends it) is kept as {"value": id}.', {
    subAttributes: [attribute('value', 'string', "The manager's id."), attribute('displayName', 'string', "The manager's name.", { mutability: 'readOnly' })],
  }),
];

/** Common attributes every resource has (RFC 7643 section 3.1). */
const commonAttributes: Attribute[] = [
  attribute('id', 'string', 'Roster\'s id for the resource.', { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' }),
  attribute('externalId', 'string', "The identity provider's id for the resource.", { caseExact: true }),
];

function schema(id: string, name: string, description: string, attributes: Attribute[], location: string) {
  return { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'], id, name, description, attributes, meta: { resourceType: 'Schema', location } };
}

function list(resources: unknown[]) {
  return { schemas: [LIST_SCHEMA], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}

/** /ServiceProviderConfig, /ResourceTypes and /Schemas, describing exactly what Roster supports; /Bulk and /Me are not. */
export const discoveryRoutes: ScimRoutes = (app) => {
  const base = (request: { protocol: string; headers: { host?: string } }) => `${request.protocol}://${request.headers.host}/scim/v2`;

  for (const url of ['/ServiceProviderConfig', '/ResourceTypes', '/ResourceTypes/:id', '/Schemas', '/Schemas/:id']) methodNotAllowed(app, url, ['GET']);
  app.get('/ServiceProviderConfig', async (request) => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: 'https://github.com/roster-app/roster/blob/main/docs/SCIM.md',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      { type: 'oauthbearertoken', name: 'Bearer token', description: 'A token created in Roster (SCIM screen, or roster scim token create).', primary: true },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base(request)}/ServiceProviderConfig` },
  }));

  const resourceTypes = (request: { protocol: string; headers: { host?: string } }) => [
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'Enterprise members: an active user holds a seat.',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
      meta: { resourceType: 'ResourceType', location: `${base(request)}/ResourceTypes/User` },
    },
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Teams provisioned by the identity provider.',
      schema: GROUP_SCHEMA,
      schemaExtensions: [],
      meta: { resourceType: 'ResourceType', location: `${base(request)}/ResourceTypes/Group` },
    },
  ];

  app.get('/ResourceTypes', async (request) => list(resourceTypes(request)));
  app.get('/ResourceTypes/:id', async (request) => {
    const found = resourceTypes(request).find((type) => type.id === (request.params as { id: string }).id);
    if (!found) throw new ScimError(404, `There is no resource type ${(request.params as { id: string }).id}; there are User and Group.`);
    return found;
  });

  const schemas = (request: { protocol: string; headers: { host?: string } }) => [
    schema(USER_SCHEMA, 'User', 'An enterprise member', [...commonAttributes, ...userAttributes], `${base(request)}/Schemas/${USER_SCHEMA}`),
    schema(GROUP_SCHEMA, 'Group', 'A team', [...commonAttributes, ...groupAttributes], `${base(request)}/Schemas/${GROUP_SCHEMA}`),
    schema(ENTERPRISE_USER_SCHEMA, 'EnterpriseUser', 'Enterprise attributes, kept as sent', enterpriseAttributes, `${base(request)}/Schemas/${ENTERPRISE_USER_SCHEMA}`),
  ];

  app.get('/Schemas', async (request) => list(schemas(request)));
  app.get('/Schemas/:id', async (request) => {
    const id = (request.params as { id: string }).id;
    const found = schemas(request).find((entry) => entry.id === id);
    if (!found) throw new ScimError(404, `There is no schema ${id}.`);
    return found;
  });

  const unsupported = async () => {
    throw new ScimError(501, 'Roster does not support this endpoint (see /ServiceProviderConfig).');
  };
  app.all('/Bulk', unsupported);
  app.all('/Me', unsupported);
};
