/** Keyboard shortcuts the page handles itself (browser mode has no application menu to do it). */

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** macOS uses ⌘ where Windows and Linux use Ctrl. */
export function isMacPlatform(platform: string = typeof navigator === 'undefined' ? '' : navigator.platform): boolean {
  return /^Mac|iPhone|iPad/.test(platform);
}

/** The primary modifier alone: ⌘ on macOS, Ctrl elsewhere (and not both, nor with Alt). */
function primaryOnly(event: KeyLike, mac: boolean): boolean {
  return !event.altKey && (mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey);
}

/** Ctrl+K (⌘K on macOS) opens the command palette. */
export function isPaletteShortcut(event: KeyLike, mac: boolean): boolean {
  return primaryOnly(event, mac) && !event.shiftKey && event.key.toLowerCase() === 'k';
}

/** How the palette's shortcut is written for this platform. */
export function paletteShortcutLabel(mac: boolean): string {
  return mac ? '⌘K' : 'Ctrl+K';
}
