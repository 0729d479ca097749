import { api } from './api';
import { invalidateAreas } from '../data/query';

/**
 * Asks again for what a change touched, whoever made it: this window, another
 * window, the command line or a SCIM server writing to the same file. Which
 * answers a change outdates is the contract's word (each query's `reads`);
 * screens not open have nothing to ask again until they open.
 */
export function followChanges(): () => void {
  return api.on('changed', ({ areas }) => void invalidateAreas(areas));
}
