import { spawn } from 'node:child_process';

type Spawn = (command: string, args: string[], options: { stdio: 'ignore'; detached: boolean }) => {
  once(event: 'spawn' | 'error', listener: (error?: Error) => void): unknown;
  unref(): void;
};

/** The OS's own opener and its arguments for `url`: never a shell, so nothing in the address is read as a command. */
export function openerFor(url: string, platform: NodeJS.Platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['rundll32.exe', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}

/**
 * Opens an address in the user's default browser (`roster login`): resolves
 * once the opener has started, rejects when it cannot be (none installed, no
 * display on Linux). The caller prints the address either way.
 */
export function systemOpener(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, spawnOf: Spawn = spawn as unknown as Spawn) {
  return (url: string) =>
    new Promise<void>((resolve, reject) => {
      if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return reject(new Error('no graphical display'));
      const [command, args] = openerFor(url, platform);
      const child = spawnOf(command, args, { stdio: 'ignore', detached: true });
      child.once('error', (error) => reject(new Error(`${command}: ${error?.message ?? 'failed'}`)));
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
    });
}
