import fs from 'node:fs';
import path from 'node:path';

// Where the window was, how big, whether maximised, and the screen it showed,
// kept in window-state.json in the user-data folder. The rules are plain
// functions (tested without Electron); index.ts feeds them Electron's displays.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Position is absent the first time: the platform centres the window. */
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
  /** The address hash of the last screen (#/teams/4), or null for the default screen. */
  route: string | null;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 900, height: 600 } as const;
/** How much of the window must be on a display for it to count as visible: enough to grab its title bar. */
const GRAB = { width: 120, height: 40 } as const;

export function defaultWindowState(): WindowState {
  return { bounds: { ...DEFAULT_SIZE }, maximized: false, route: null };
}

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Only the app's own routes come back: "#/" then path segments and an optional simple query. */
export function sanitizeRoute(route: unknown): string | null {
  if (typeof route !== 'string' || route.length > 200) return null;
  return /^#\/[a-z]+(?:\/[A-Za-z0-9_-]+)*(?:\?[A-Za-z0-9_=&-]*)?$/.test(route) ? route : null;
}

/** Reads a saved state; anything missing, mangled or absurd falls back to the defaults. */
export function parseWindowState(text: string | undefined): WindowState {
  const fallback = defaultWindowState();
  if (!text) return fallback;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
    if (typeof parsed !== 'object' || parsed === null) return fallback;
  } catch {
    return fallback;
  }
  const bounds = (parsed.bounds ?? {}) as Record<string, unknown>;
  const width = finite(bounds.width) && bounds.width >= MIN_SIZE.width ? Math.round(bounds.width) : DEFAULT_SIZE.width;
  const height = finite(bounds.height) && bounds.height >= MIN_SIZE.height ? Math.round(bounds.height) : DEFAULT_SIZE.height;
  const placed = finite(bounds.x) && finite(bounds.y) ? { x: Math.round(bounds.x), y: Math.round(bounds.y) } : {};
  return { bounds: { ...placed, width, height }, maximized: parsed.maximized === true, route: sanitizeRoute(parsed.route) };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * Bounds that fit the displays there are now: a window saved on a monitor
 * that has since gone, or mostly off-screen, is centred on the primary
 * display; a window larger than its display shrinks to fit it.
 * `workAreas` are the displays' work areas (without task bars and docks).
 */
export function fitToDisplays(bounds: WindowState['bounds'], workAreas: readonly Rect[], primary: Rect): WindowState['bounds'] {
  const sizeFor = (area: Rect) => ({
    width: Math.max(Math.min(bounds.width, area.width), Math.min(MIN_SIZE.width, area.width)),
    height: Math.max(Math.min(bounds.height, area.height), Math.min(MIN_SIZE.height, area.height)),
  });
  if (bounds.x === undefined || bounds.y === undefined) return sizeFor(primary);
  const rect: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height };
  // The title bar strip is what must be reachable: the top GRAB.height pixels of the window.
  const titleBar: Rect = { ...rect, height: Math.min(rect.height, GRAB.height) };
  const home = workAreas.find((area) => {
    const seen = overlap(titleBar, area);
    return seen.width >= Math.min(GRAB.width, rect.width) && seen.height >= Math.min(GRAB.height, rect.height);
  });
  if (!home) {
    const size = sizeFor(primary);
    return {
      x: primary.x + Math.round((primary.width - size.width) / 2),
      y: primary.y + Math.round((primary.height - size.height) / 2),
      ...size,
    };
  }
  const size = sizeFor(home);
  // Keep it inside the display it is on, moving it as little as possible.
  const x = Math.min(Math.max(rect.x, home.x), home.x + home.width - size.width);
  const y = Math.min(Math.max(rect.y, home.y), home.y + home.height - size.height);
  return { x, y, ...size };
}

/** The saved state, or the defaults when there is none or it cannot be read. */
export function loadWindowState(dir: string): WindowState {
  try {
    return parseWindowState(fs.readFileSync(path.join(dir, WINDOW_STATE_FILE), 'utf8'));
  } catch {
    return defaultWindowState();
  }
}

/** Writes to a temporary file and renames it. A failure only loses the window's place, so it is not fatal. */
export function saveWindowState(dir: string, state: WindowState, logError: (error: unknown, where: string) => void = () => {}): void {
  const file = path.join(dir, WINDOW_STATE_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(temporary, `${JSON.stringify({ ...state, route: sanitizeRoute(state.route) }, null, 2)}\n`);
    fs.renameSync(temporary, file);
  } catch (error) {
    // Only the window's place is lost: the next start opens it at the default size.
    logError(error, `saving the window's place in ${file}`);
  }
}
