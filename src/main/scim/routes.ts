import { discoveryRoutes } from './discovery';
import type { ScimRoutes } from './server';

/** Every SCIM resource Roster serves, in the order their routes are added. */
export const scimRoutes: ScimRoutes[] = [discoveryRoutes];
