import type { Handlers } from '../ipc/dispatch';
import type { AccessService } from './service';

/** Who can reach what, and why: through which team or direct membership. */
export function accessHandlers(access: AccessService): Pick<Handlers, 'access:member' | 'access:org'> {
  return {
    'access:member': ({ accountId }) => access.forMember(accountId),
    'access:org': (input) => access.forOrganization(input),
  };
}
