import { api } from './api';
import { useConnection } from '../stores/connection-store';

/**
 * Keeps the connection store up to date with the remote core's `connection`
 * event. When the server is back, the core's `changed ['*']` reloads every
 * screen (live-updates.ts); this only lifts the banner and gives the changes back.
 */
export function followConnection(): () => void {
  return api.on('connection', (status) => useConnection.getState().setStatus(status));
}
