import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { DEFAULT_SIZE, defaultWindowState, fitToDisplays, loadWindowState, parseWindowState, sanitizeRoute, saveWindowState, WINDOW_STATE_FILE } from './window-state';

const laptop = { x: 0, y: 25, width: 1440, height: 875 };
const monitorOnRight = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('window state', () => {
  it('defaults to 1280 × 820, centred by the platform, not maximised, on the default screen', () => {
    expect(parseWindowState(undefined)).toEqual({ bounds: DEFAULT_SIZE, maximized: false, route: null });
    expect(parseWindowState('{ not json')).toEqual(defaultWindowState());
    expect(parseWindowState('null')).toEqual(defaultWindowState());
  });

  it('keeps what was saved, and replaces sizes below the minimum or not numbers', () => {
    const saved = { bounds: { x: 40, y: 60, width: 1000, height: 700 }, maximized: true, route: '#/teams/4' };
    expect(parseWindowState(JSON.stringify(saved))).toEqual(saved);
    expect(parseWindowState(JSON.stringify({ bounds: { x: 'a', y: 1, width: 10, height: 'tall' } }))).toEqual(defaultWindowState());
  });

  it('remembers only routes of the app itself', () => {
    expect(sanitizeRoute('#/domains/unmanaged?waiting=1')).toBe('#/domains/unmanaged?waiting=1');
    expect(sanitizeRoute('#/licenses')).toBe('#/licenses');
    expect(sanitizeRoute('javascript:alert(1)')).toBeNull();
    expect(sanitizeRoute('#/x/<script>')).toBeNull();
    expect(sanitizeRoute(42)).toBeNull();
  });

  it('leaves a window that is on a display where it was', () => {
    const bounds = { x: 1600, y: 100, width: 1200, height: 800 };
    expect(fitToDisplays(bounds, [laptop, monitorOnRight], laptop)).toEqual(bounds);
  });

  it('centres a window whose monitor is gone on the primary display', () => {
    const bounds = { x: 1600, y: 100, width: 1200, height: 800 };
    expect(fitToDisplays(bounds, [laptop], laptop)).toEqual({ x: 120, y: 63, width: 1200, height: 800 });
  });

  it('shrinks a window larger than its display and pulls it fully onto it', () => {
    const bounds = { x: -50, y: 0, width: 3000, height: 2000 };
    expect(fitToDisplays(bounds, [laptop], laptop)).toEqual({ x: 0, y: 25, width: 1440, height: 875 });
  });

  it('treats a window whose title bar is off-screen as lost', () => {
    const bounds = { x: 100, y: -700, width: 1000, height: 720 };
    expect(fitToDisplays(bounds, [laptop], laptop)).toEqual({ x: 220, y: 103, width: 1000, height: 720 });
  });

  it('sizes a window without a position for the primary display', () => {
    const small = { x: 0, y: 0, width: 1024, height: 700 };
    expect(fitToDisplays({ width: 1280, height: 820 }, [small], small)).toEqual({ width: 1024, height: 700 });
  });

  it('saves to window-state.json and reads it back', () => {
    const dir = tempDir();
    const state = { bounds: { x: 10, y: 20, width: 1100, height: 700 }, maximized: false, route: '#/audit' };
    saveWindowState(dir, state);
    expect(JSON.parse(fs.readFileSync(path.join(dir, WINDOW_STATE_FILE), 'utf8'))).toEqual(state);
    expect(loadWindowState(dir)).toEqual(state);
    expect(loadWindowState(path.join(dir, 'nowhere'))).toEqual(defaultWindowState());
  });

  it('logs a place it cannot save, and goes on', () => {
    const blocker = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocker, '');
    const logged: string[] = [];
    saveWindowState(blocker, defaultWindowState(), (_error, where) => void logged.push(where));
    expect(logged).toEqual([`saving the window's place in ${path.join(blocker, WINDOW_STATE_FILE)}`]);
  });
});
