import { describe, expect, it } from 'vitest';
import { isMacPlatform, isPaletteShortcut, paletteShortcutLabel } from './shortcuts';

const key = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('opens the palette with Ctrl+K on Windows and Linux, ⌘K on macOS', () => {
    expect(isPaletteShortcut(key('k', { ctrlKey: true }), false)).toBe(true);
    expect(isPaletteShortcut(key('K', { ctrlKey: true }), false)).toBe(true);
    expect(isPaletteShortcut(key('k', { metaKey: true }), true)).toBe(true);
    expect(isPaletteShortcut(key('k', { metaKey: true }), false)).toBe(false);
    expect(isPaletteShortcut(key('k', { ctrlKey: true }), true)).toBe(false);
  });

  it('leaves other combinations alone', () => {
    expect(isPaletteShortcut(key('k'), false)).toBe(false);
    expect(isPaletteShortcut(key('k', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(isPaletteShortcut(key('k', { ctrlKey: true, altKey: true }), false)).toBe(false);
    expect(isPaletteShortcut(key('j', { ctrlKey: true }), false)).toBe(false);
  });

  it('knows the platform and names the shortcut for it', () => {
    expect(isMacPlatform('MacIntel')).toBe(true);
    expect(isMacPlatform('Linux x86_64')).toBe(false);
    expect(isMacPlatform('Win32')).toBe(false);
    expect(paletteShortcutLabel(true)).toBe('⌘K');
    expect(paletteShortcutLabel(false)).toBe('Ctrl+K');
  });
});
