import type { Handlers } from '../ipc/dispatch';
import type { SettingsService } from './service';

export function settingsHandlers(settings: SettingsService): Pick<Handlers, 'settings:get' | 'settings:update'> {
  return {
    'settings:get': () => settings.get(),
    'settings:update': (input, { actor }) => settings.update(input, actor),
  };
}
