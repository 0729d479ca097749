import type { RosterApi } from '@shared/ipc/contract';
import { createConsoleApi } from './console-api';
import { isServerConsole } from './console-host';
import { createHttpApi, uploadEvents } from './http-api';

/**
 * Whether this page is a Roster server's web console: admins sign in, and what
 * they see follows their role. False in the desktop app and browser mode.
 */
export const isConsole = !window.api && isServerConsole(document);

const consoleApi = isConsole ? createConsoleApi() : null;

/**
 * The one way screens and stores reach main: Electron's preload bridge when
 * there is one, else the same contract over HTTP: with the signed-in session
 * in the server's console, with browser mode's session key otherwise.
 */
export const api: RosterApi = window.api ?? consoleApi?.api ?? createHttpApi();

/**
 * How an event file reaches main: in browser mode the page uploads the file
 * the admin picked; in the desktop app (null here) main asks for it with a
 * native dialog, so the page never handles a path.
 */
export const uploadEventFile = window.api ? null : (consoleApi?.uploadEvents ?? uploadEvents);

/**
 * Whether the page must ask main for the jobs running when it starts (the
 * desktop app, where IPC answers and events come in order). In browser mode
 * the event stream itself begins with them: a list fetched beside a stream
 * not yet connected could name a job whose end the page would never hear.
 */
export const asksForRunningJobs = Boolean(window.api);
