import { ok } from '@shared/result';
import type { CallContext, Handlers } from '../ipc/dispatch';
import type { SessionService } from './service';

type SessionChannels = 'sessions:list' | 'sessions:end';

/**
 * Whether this call sees every admin's sessions: an owner does, and so does
 * this machine's own process (the command line on the server's machine, the
 * desktop app), where no server signed anyone in; as admins:tokens has it.
 */
const seesEverySession = ({ caller }: CallContext) => caller === undefined || caller.role === 'owner';

/**
 * The consoles signed in to a Roster server: each admin sees their own, an
 * owner everyone's and may end any (`sessions:end` is the owner's by the
 * contract). The caller's own session is marked as such.
 */
export function sessionHandlers(sessions: SessionService): Pick<Handlers, SessionChannels> {
  return {
    'sessions:list': (_input, context) => {
      const current = context.caller?.sessionId ?? null;
      return ok(seesEverySession(context) ? sessions.list(undefined, current) : sessions.list(context.caller!.email, current));
    },
    'sessions:end': ({ id }, { actor, caller }) => sessions.end(id, actor, caller?.sessionId ?? null),
  };
}
