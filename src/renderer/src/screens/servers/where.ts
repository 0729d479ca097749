import type { AppInfo } from '@shared/schemas/app';

type ServerInfo = NonNullable<AppInfo['server']>;

/** "acme-roster.example.com — signed in as ana@acme.com, admin": where a desktop app on a server works, and as whom. */
export function workingOn(server: ServerInfo): string {
  return `${server.host} — signed in as ${server.email}, ${server.role}`;
}

/** The window's title: the screen, then where it works when that is a server (the taskbar and window switcher show it). */
export function windowTitle(screenTitle: string, server: ServerInfo | null | undefined): string {
  return server ? `${screenTitle} — ${workingOn(server)}` : screenTitle;
}
