import { screen, type BrowserWindow } from 'electron';
import { createMainWindow } from './window';
import { fitToDisplays, loadWindowState, saveWindowState } from './window-state';

/**
 * Opens the main window where it was last closed (size, position, maximised,
 * screen), fitted to the displays there are now, and saves its place again
 * when it closes.
 */
export function openRememberedWindow(preloadPath: string, dataDir: string, logError?: (error: unknown, where: string) => void): BrowserWindow {
  const saved = loadWindowState(dataDir);
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const bounds = fitToDisplays(saved.bounds, workAreas, screen.getPrimaryDisplay().workArea);
  const window = createMainWindow(preloadPath, { bounds, maximized: saved.maximized, route: saved.route });

  window.on('close', () => {
    let route: string | null = null;
    try {
      route = new URL(window.webContents.getURL()).hash || null;
    } catch {
      // No page loaded: keep the default screen.
    }
    // getNormalBounds: the size to come back to when a maximised window is restored.
    saveWindowState(dataDir, { bounds: window.getNormalBounds(), maximized: window.isMaximized(), route }, logError);
  });
  return window;
}
