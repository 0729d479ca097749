import { DEFAULT_SCIM_HOST } from '@shared/schemas/scim';
import { ok } from '@shared/result';
import type { Handlers } from '../ipc/dispatch';
import type { ScimRuntime } from './runtime';

type ScimChannels = 'scim:status' | 'scim:start' | 'scim:stop' | 'scim:tokens' | 'scim:createToken' | 'scim:revokeToken' | 'scim:requests';

/** The SCIM screen: the server this window's process runs (on 127.0.0.1 only), its tokens and its request log. */
export function scimHandlers(scim: ScimRuntime): Pick<Handlers, ScimChannels> {
  return {
    'scim:status': () => ok(scim.status()),
    'scim:start': ({ port }) => scim.start(DEFAULT_SCIM_HOST, port),
    'scim:stop': () => scim.stop(),
    'scim:tokens': () => scim.tokens.list(),
    'scim:createToken': (input, { actor }) => scim.tokens.create(input, actor),
    'scim:revokeToken': ({ id }, { actor }) => scim.tokens.revoke(id, actor),
    'scim:requests': (input) => ok(scim.log.list(input)),
  };
}
