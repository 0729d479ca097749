import type { ChangeArea } from '@shared/ipc/contract';
import { api } from './api';
import { useAppStore } from '../stores/app-store';
import { useOrgsStore } from '../stores/orgs-store';

const touches = (areas: ChangeArea[], area: ChangeArea) => areas.includes(area) || areas.includes('*');

/**
 * Reloads what a change touched, whoever made it: this window, another window,
 * the command line or a SCIM server writing to the same file.
 */
export function followChanges(): () => void {
  return api.on('changed', ({ areas }) => {
    if (touches(areas, 'enterprise')) void useAppStore.getState().load();
    if (touches(areas, 'orgs') && useOrgsStore.getState().status !== 'idle') void useOrgsStore.getState().load();
  });
}
