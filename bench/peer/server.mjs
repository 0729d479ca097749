// The peer the SCIM benchmark compares Roster with: SCIMMY with scimmy-routers on
// Express 4, users and groups held in memory (Maps), filters matched by SCIMMY
// itself. Listens on 127.0.0.1 and prints "SCIM 2.0 at http://HOST:PORT/scim/v2".
// Usage: node bench/peer/server.mjs [PORT]
import { randomUUID } from 'node:crypto';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

const users = new Map();
const groups = new Map();
/** userName (lower case) to id: the uniqueness check a real server makes, without a scan. */
const userNames = new Map();
const TOKEN = process.env.PEER_TOKEN ?? 'peer-token';

function store(map, resource, data, givenId) {
  const now = new Date().toISOString();
  if (resource.id) {
    const current = map.get(resource.id);
    if (!current) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
    const next = { ...data, id: resource.id, meta: { ...current.meta, lastModified: now } };
    map.set(resource.id, next);
    return next;
  }
  const id = givenId ?? randomUUID();
  const next = { ...data, id, meta: { created: now, lastModified: now } };
  map.set(id, next);
  return next;
}

function read(map, resource) {
  if (resource.id) {
    const found = map.get(resource.id);
    if (!found) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
    return found;
  }
  const all = [...map.values()];
  return resource.filter ? resource.filter.match(all) : all;
}

SCIMMY.Resources.declare(SCIMMY.Resources.User)
  .ingress((resource, data) => {
    const key = data.userName.toLowerCase();
    const holder = userNames.get(key);
    if (holder !== undefined && holder !== resource.id) throw new SCIMMY.Types.Error(409, 'uniqueness', `userName ${data.userName} is taken`);
    const stored = store(users, resource, data);
    userNames.set(key, stored.id);
    return stored;
  })
  .egress((resource) => read(users, resource))
  .degress((resource) => {
    const user = users.get(resource.id);
    if (!user) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
    users.delete(resource.id);
    userNames.delete(user.userName.toLowerCase());
  });

// PEER_USERS=N starts it holding N users, as the larger scale of the benchmark needs:
// member<i>@peer.example with the id seed-<i>, so the benchmark need not list 100,000
// users through a server that builds every one of them for each page.
for (let index = 0; index < Number(process.env.PEER_USERS ?? 0); index += 1) {
  const userName = `member${index}@peer.example`;
  const stored = store(users, {}, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, name: { givenName: 'Member', familyName: String(index) }, displayName: `Member ${index}`, emails: [{ value: userName, type: 'work', primary: true }], active: true }, `seed-${index}`);
  userNames.set(userName, stored.id);
}

SCIMMY.Resources.declare(SCIMMY.Resources.Group)
  .ingress((resource, data) => store(groups, resource, data))
  .egress((resource) => read(groups, resource))
  .degress((resource) => {
    if (!groups.delete(resource.id)) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
  });

const app = express();
app.use(
  '/scim/v2',
  new SCIMMYRouters({
    type: 'bearer',
    handler: (request) => {
      if (request.header('Authorization') !== `Bearer ${TOKEN}`) throw new Error('Authorization not detected!');
      return 'bench';
    },
  }),
);
const server = app.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  console.log(`SCIM 2.0 at http://127.0.0.1:${server.address().port}/scim/v2`);
});
server.keepAliveTimeout = 60_000;
