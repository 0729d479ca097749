import type { DemoService } from '../demo/service';
import type { Handlers } from '../ipc/dispatch';
import type { EnterpriseService } from './service';

export function enterpriseHandlers(
  enterprise: EnterpriseService,
  demo: DemoService,
): Pick<Handlers, 'enterprise:get' | 'enterprise:create' | 'enterprise:rename' | 'enterprise:createDemo'> {
  return {
    'enterprise:get': () => enterprise.get(),
    'enterprise:create': (input, { actor }) => enterprise.create(input, actor),
    'enterprise:rename': ({ name }, { actor }) => enterprise.rename(name, actor),
    'enterprise:createDemo': (input) => demo.create(input),
  };
}
