import type { RosterApi } from '@shared/ipc/contract';
import { createHttpApi } from './http-api';

/**
 * The one way screens and stores reach main: Electron's preload bridge when
 * there is one, the same contract over HTTP in browser mode.
 */
export const api: RosterApi = window.api ?? createHttpApi();
