import type { Handlers } from '../ipc/dispatch';
import type { InvitationService } from './service';

export function invitationHandlers(
  invitations: InvitationService,
): Pick<Handlers, 'invitations:create' | 'invitations:find' | 'invitations:resend' | 'invitations:revoke' | 'invitations:accept'> {
  return {
    'invitations:create': (input, { actor }) => invitations.create(input, actor),
    'invitations:find': ({ email }) => invitations.find(email),
    'invitations:resend': ({ id }, { actor }) => invitations.resend(id, actor),
    'invitations:revoke': ({ id }, { actor }) => invitations.revoke(id, actor),
    'invitations:accept': ({ id }, { actor }) => invitations.accept(id, actor),
  };
}
