import { discoveryRoutes } from './discovery';
import { groupRoutes } from './groups/routes';
import type { ScimRoutes } from './server';
import { usersRoutes } from './users/routes';

/** Every SCIM resource Roster serves, in the order their routes are added. */
export const scimRoutes: ScimRoutes[] = [discoveryRoutes, usersRoutes, groupRoutes];
