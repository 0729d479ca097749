import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '@shared/menu-commands';
import { buildMenuTemplate, type MenuContext } from './menu';

function context(overrides: Partial<Omit<MenuContext, 'actions'>> = {}) {
  const actions = { send: vi.fn<(command: MenuCommand) => void>(), openRecent: vi.fn(), openRecentServer: vi.fn(), clearRecent: vi.fn(), installCommand: vi.fn(), openDocumentation: vi.fn(), showAbout: vi.fn() };
  return { platform: 'linux' as NodeJS.Platform, isDevelopment: false, appName: 'Roster', recent: [], ...overrides, actions };
}

const submenu = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const labels = (items: MenuItemConstructorOptions[]) => items.map((item) => item.label ?? item.role ?? item.type);
const find = (items: MenuItemConstructorOptions[], label: string) => items.find((item) => item.label === label);
const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)();

function allItems(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...allItems(submenu(item))]);
}

describe('application menu', () => {
  it('on Windows and Linux: File, Edit, View, Go, Help with Settings and Quit in File and About in Help', () => {
    const menu = buildMenuTemplate(context());
    expect(labels(menu)).toEqual(['&File', '&Edit', '&View', '&Go', '&Help']);
    expect(labels(submenu(menu[0]))).toEqual([
      'New Enterprise…',
      'Open Database…',
      'Open Recent',
      'Connect to a Server…',
      'separator',
      'Import Activity Events…',
      'Export Activity Report…',
      'Back Up Database…',
      'Take an Offline Copy…',
      'separator',
      'Settings',
      'separator',
      '&Quit',
    ]);
    expect(labels(submenu(menu[4]))).toContain('About Roster');
    expect(find(submenu(buildMenuTemplate(context({ platform: 'win32' })) [0]), 'E&xit')).toMatchObject({ role: 'quit' });
  });

  it('on macOS: the app menu holds About, Settings (Cmd+,) and Quit, and there is a Window menu', () => {
    const menu = buildMenuTemplate(context({ platform: 'darwin' }));
    expect(labels(menu)).toEqual(['Roster', 'File', 'Edit', 'View', 'Go', 'windowMenu', 'Help']);
    const app = submenu(menu[0]);
    expect(labels(app)).toEqual(expect.arrayContaining(['About Roster', 'Settings…', 'hide', 'quit']));
    expect(find(app, 'Settings…')?.accelerator).toBe('CmdOrCtrl+,');
    expect(labels(submenu(menu[1]))).not.toContain('&Quit');
    expect(labels(submenu(menu[6]))).not.toContain('About Roster');
  });

  it('offers reload and developer tools only in development', () => {
    const roles = (isDevelopment: boolean) => submenu(buildMenuTemplate(context({ isDevelopment }))[2]).map((item) => item.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut']));
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('sends the window the command of each item', () => {
    const ctx = context();
    const menu = buildMenuTemplate(ctx);
    click(find(submenu(menu[0]), 'Back Up Database…'));
    click(find(submenu(menu[0]), 'Take an Offline Copy…'));
    click(find(submenu(menu[0]), 'Export Activity Report…'));
    click(find(submenu(menu[3]), 'Command Palette…'));
    click(find(submenu(menu[3]), 'Domains'));
    expect(ctx.actions.send.mock.calls.map(([command]) => command)).toEqual(['backup', 'offline-copy', 'export-report', 'command-palette', 'go:domains']);
  });

  it('gives every shortcut to one item only', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const accelerators = allItems(buildMenuTemplate(context({ platform, isDevelopment: true })))
        .map((item) => item.accelerator)
        .filter(Boolean);
      expect(new Set(accelerators).size).toBe(accelerators.length);
      expect(accelerators).toEqual(expect.arrayContaining(['CmdOrCtrl+K', 'CmdOrCtrl+N', 'CmdOrCtrl+O', 'CmdOrCtrl+1', 'CmdOrCtrl+8']));
    }
  });

  it('lists recent databases other than the open one, says which are missing, and opens the one clicked', () => {
    const ctx = context({
      recent: [
        { path: '/data/acme.db', exists: true, current: true },
        { path: '/data/contoso.db', exists: true, current: false },
        { path: '/old/gone.db', exists: false, current: false },
      ],
    });
    const recent = submenu(find(submenu(buildMenuTemplate(ctx)[0]), 'Open Recent'));
    expect(labels(recent)).toEqual(['contoso.db — /data/contoso.db', 'gone.db — /old/gone.db (missing)', 'separator', 'Clear Recent']);
    click(recent[1]);
    expect(ctx.actions.openRecent).toHaveBeenCalledWith('/old/gone.db');
    expect(labels(submenu(find(submenu(buildMenuTemplate(context())[0]), 'Open Recent')))).toEqual(['No Recent Databases']);
  });

  it('keeps an "&" in a recent path literal where "&" marks a mnemonic', () => {
    const recent = [{ path: '/data/R&D.db', exists: true, current: false }];
    const linux = submenu(find(submenu(buildMenuTemplate(context({ recent }))[0]), 'Open Recent'));
    expect(labels(linux)[0]).toBe('R&&D.db — /data/R&&D.db');
    const mac = buildMenuTemplate(context({ recent, platform: 'darwin' }));
    const file = mac.find((menu) => menu.label === 'File')!;
    expect(labels(submenu(find(submenu(file), 'Open Recent')))[0]).toBe('R&D.db — /data/R&D.db');
  });

  it('lists recent servers beside the databases, each with its admin, and reconnects to the one clicked', () => {
    const server = (host: string, signedIn: boolean, current = false) => ({ address: `https://${host}`, host, email: 'ana@acme.com', role: 'admin' as const, signedIn, current });
    const ctx = context({
      recent: [{ path: '/data/acme.db', exists: true, current: false }],
      recentServers: [server('roster.acme.com', true, true), server('r&d-roster.acme.com', false), server('acme-roster.example.com', true)],
    });
    const recent = submenu(find(submenu(buildMenuTemplate(ctx)[0]), 'Open Recent'));
    expect(labels(recent)).toEqual([
      'acme.db — /data/acme.db',
      'separator',
      'r&&d-roster.acme.com — ana@acme.com, admin (sign in again)',
      'acme-roster.example.com — ana@acme.com, admin',
      'separator',
      'Clear Recent',
    ]);
    click(recent[3]);
    expect(ctx.actions.openRecentServer).toHaveBeenCalledWith('https://acme-roster.example.com');
  });

  it('File → Connect to a Server… asks the window for its dialog; Help offers to install the roster command', () => {
    const ctx = context();
    const menu = buildMenuTemplate(ctx);
    click(find(submenu(menu[0]), 'Connect to a Server…'));
    expect(ctx.actions.send).toHaveBeenCalledWith('connect-server');
    click(find(submenu(menu[4]), 'Install ‘roster’ Command in PATH…'));
    expect(ctx.actions.installCommand).toHaveBeenCalledOnce();
  });
});
