import { emailKey, normaliseEmail } from '@shared/schemas/email';
import { fail, ok } from '@shared/result';
import type { CallContext, Handlers } from '../ipc/dispatch';
import { hashPassword } from './password';
import type { AdminService } from './service';

type AdminChannels = 'admins:list' | 'admins:add' | 'admins:setRole' | 'admins:remove' | 'admins:tokens' | 'admins:createToken' | 'admins:revokeToken';

const sameAddress = (a: string, b: string) => emailKey(normaliseEmail(a) ?? a.trim()) === emailKey(normaliseEmail(b) ?? b.trim());

const ROLE_NAME = { owner: 'an owner', admin: 'an admin', auditor: 'an auditor' } as const;

/**
 * Whether this call sees and manages every admin's API tokens: an owner does,
 * and so does this machine's own process (the command line, the desktop app),
 * where no server signed anyone in. Anyone else has only their own, as in
 * GitHub, where each person manages their own tokens and owners everyone's.
 */
const managesEveryToken = ({ caller }: CallContext) => caller === undefined || caller.role === 'owner';

/**
 * A Roster server's admins and API tokens, for its owner to manage from afar
 * (`roster --server URL --token T admins ...`) and for the command line on the
 * server's machine. The contract's access says who may call each channel;
 * the rules of admins and tokens are the service's.
 */
export function adminHandlers(admins: AdminService): Pick<Handlers, AdminChannels> {
  return {
    'admins:list': () => ok(admins.list()),
    // The password (over TLS, or from this machine's own command line) is hashed here and goes no further.
    'admins:add': async ({ password, ...input }, { actor }) => admins.add(input, actor, password === undefined ? null : await hashPassword(password)),
    'admins:setRole': ({ email, role }, { actor }) => admins.setRole(email, role, actor),
    'admins:remove': ({ email }, { actor }) => admins.remove(email, actor),
    'admins:tokens': (_input, context) => ok(managesEveryToken(context) ? admins.listTokens() : admins.listTokens(context.caller!.email)),
    'admins:createToken': (input, { actor }) => admins.createToken(input, actor),
    'admins:revokeToken': ({ email, name }, context) => {
      const { caller } = context;
      if (!managesEveryToken(context) && !sameAddress(email, caller!.email)) {
        const who = caller!.sessionId === undefined ? 'This API token acts as' : 'You are signed in as';
        return fail('FORBIDDEN', `${who} ${ROLE_NAME[caller!.role]}, who may revoke only their own API tokens (${caller!.email}'s): ask an owner to revoke ${email}'s.`);
      }
      return admins.revokeToken(email, name, context.actor);
    },
  };
}
