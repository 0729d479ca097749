import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** The rules eslint.config.mjs reports for this code as a file at `file`. */
async function problems(code: string, file = 'src/preload/probe.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((message) => message.ruleId ?? message.message);
}

const header = "import { contextBridge, ipcRenderer, shell } from 'electron';\nimport { EVENT_CHANNEL, isChannel } from '@shared/ipc/channels';\n";

describe('the preload lint rules', () => {
  it.each([
    ['exposing ipcRenderer itself', "contextBridge.exposeInMainWorld('ipc', ipcRenderer);"],
    ['exposing it inside an object', "contextBridge.exposeInMainWorld('api', { ipcRenderer });"],
    ['exposing one of its methods unbound', "contextBridge.exposeInMainWorld('api', { on: ipcRenderer.on });"],
    ['binding a method to hand over', "contextBridge.exposeInMainWorld('api', { send: ipcRenderer.send.bind(ipcRenderer) });"],
    ['destructuring it', 'const { invoke } = ipcRenderer;\nexport { invoke };'],
  ])('forbid %s', async (_what, code) => {
    expect(await problems(header + code)).toContain('no-restricted-syntax');
  });

  it.each([
    ['invoke with the page’s channel', "contextBridge.exposeInMainWorld('api', { call: (channel: string, input: unknown) => ipcRenderer.invoke(channel, input) });"],
    ['send with a built name', "contextBridge.exposeInMainWorld('api', { go: (area: string) => ipcRenderer.send(`${area}:list`) });"],
    ['on with the page’s channel', "contextBridge.exposeInMainWorld('api', { on: (channel: string, fn: () => void) => ipcRenderer.on(channel, fn) });"],
    ['a check that does not return', "contextBridge.exposeInMainWorld('api', { call(channel: string) { if (!isChannel(channel)) console.log('no'); return ipcRenderer.invoke(channel); } });"],
    ['a computed method', "contextBridge.exposeInMainWorld('api', { call(method: 'send') { ipcRenderer[method]('orgs:list'); } });"],
  ])('forbid calling ipcRenderer with a non-literal channel: %s', async (_what, code) => {
    expect(await problems(header + code)).toContain('roster/ipc-checked-channel');
  });

  it('allow literal, imported and isChannel-checked channels (as src/preload/index.ts does)', async () => {
    const code = `${header}
contextBridge.exposeInMainWorld('api', {
  info: () => ipcRenderer.invoke('app:info'),
  call(channel: string, input: unknown) {
    if (!isChannel(channel)) return Promise.resolve(null);
    return ipcRenderer.invoke(channel, input);
  },
  listen(fn: () => void) {
    ipcRenderer.on(EVENT_CHANNEL, fn);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, fn);
  },
});
`;
    const security = (await problems(code)).filter((rule) => rule === 'no-restricted-syntax' || rule.startsWith('roster/'));
    expect(security).toEqual([]);
  });

  it('forbid shell.openExternal outside src/main/shell/external-links.ts', async () => {
    expect(await problems("import { shell } from 'electron';\nvoid shell.openExternal('https://evil.example');", 'src/main/shell/window.ts')).toContain('roster/no-open-external');
    expect(await problems("import { shell } from 'electron';\nconst { openExternal } = shell;\nvoid openExternal('x');", 'src/main/index.ts')).toContain('roster/no-open-external');
    expect(await problems("import { shell } from 'electron';\nexport const open = (url: string) => shell.openExternal(url);", 'src/main/shell/external-links.ts')).not.toContain('roster/no-open-external');
  });
});
