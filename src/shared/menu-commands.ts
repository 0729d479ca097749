/**
 * What the application menu (and its keyboard shortcuts) asks the window to do.
 * Main sends one as the 'menu' event; the renderer runs the same action as the
 * button on screen, so the result shows the same busy state and notice.
 */
export const menuCommands = [
  'new-database',
  'open-database',
  'connect-server',
  'backup',
  'offline-copy',
  'export-report',
  'import-events',
  'command-palette',
  'go:licenses',
  'go:teams',
  'go:organizations',
  'go:domains',
  'go:reports',
  'go:scim',
  'go:audit',
  'go:settings',
] as const;

export type MenuCommand = (typeof menuCommands)[number];

/** The screen a go: command opens, or null for any other command. */
export function screenOfCommand(command: MenuCommand): string | null {
  return command.startsWith('go:') ? command.slice('go:'.length) : null;
}
