import type { Handlers } from '../ipc/dispatch';
import type { OrgService } from './service';

export function orgHandlers(orgs: OrgService): Pick<Handlers, 'orgs:list' | 'orgs:find' | 'orgs:create' | 'orgs:rename' | 'orgs:remove'> {
  return {
    'orgs:list': () => orgs.list(),
    'orgs:find': ({ name }) => orgs.find(name),
    'orgs:create': (input, { actor }) => orgs.create(input, actor),
    'orgs:rename': (input, { actor }) => orgs.rename(input, actor),
    'orgs:remove': (input, { actor }) => orgs.remove(input.id, actor),
  };
}
