import type { BrowserWindow, Rectangle } from 'electron';
import { readJsonFile, writeJsonFile } from '../core/system/json-file';

/**
 * Where the window was and how big, so the app opens as the lead left it: the size, the position
 * (when it is still on a screen: a monitor unplugged since would put it out of reach) and whether
 * it was maximized.
 */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface WindowLimits {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

/** How much of the window's top edge must show on a screen for its saved position to be kept. */
const REACHABLE = { width: 120, height: 40 };
/** Resizing and moving fire many events; the state is written once they settle. */
const SAVE_AFTER_MS = 500;

/** The saved state, or null when there is none or it is unreadable (the window then opens at its default size). */
export function readWindowState(file: string): WindowState | null {
  try {
    const saved = readJsonFile<Partial<WindowState> | null>(file, null);
    if (!saved || !isSize(saved.width) || !isSize(saved.height)) return null;
    const placed = Number.isFinite(saved.x) && Number.isFinite(saved.y);
    return { width: saved.width, height: saved.height, maximized: saved.maximized === true, ...(placed ? { x: saved.x, y: saved.y } : {}) };
  } catch {
    return null;
  }
}

const isSize = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;

/**
 * The bounds to open with: the saved size, no smaller than the window's minimum and no larger
 * than the largest screen, at the saved position while its top edge is on a screen (else centred).
 */
export function placeWindow(saved: WindowState | null, screens: Rectangle[], limits: WindowLimits): WindowState {
  if (!saved) return { width: limits.width, height: limits.height, maximized: false };
  const widest = Math.max(...screens.map((s) => s.width), limits.minWidth);
  const tallest = Math.max(...screens.map((s) => s.height), limits.minHeight);
  const width = Math.round(Math.min(Math.max(saved.width, limits.minWidth), widest));
  const height = Math.round(Math.min(Math.max(saved.height, limits.minHeight), tallest));
  const size = { width, height, maximized: saved.maximized };
  if (saved.x === undefined || saved.y === undefined) return size;
  const top = { x: saved.x, y: saved.y, width, height: REACHABLE.height };
  const onScreen = screens.some(
    (s) => overlap(top, s, 'x') >= Math.min(REACHABLE.width, width) && overlap(top, s, 'y') >= REACHABLE.height,
  );
  return onScreen ? { ...size, x: Math.round(saved.x), y: Math.round(saved.y) } : size;
}

function overlap(a: Rectangle, b: Rectangle, axis: 'x' | 'y'): number {
  const length = axis === 'x' ? 'width' : 'height';
  return Math.min(a[axis] + a[length], b[axis] + b[length]) - Math.max(a[axis], b[axis]);
}

/** Writes the window's state to `file` when it settles after a resize or move, and when it closes. */
export function keepWindowState(window: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    // full screen is a mode, not a place: the bounds before it are what the next start should use
    if (window.isDestroyed() || window.isFullScreen()) return;
    const bounds = window.getNormalBounds();
    const state: WindowState = { ...bounds, maximized: window.isMaximized() };
    try {
      writeJsonFile(file, state);
    } catch {
      // a window that opens at its default size next time is no reason to interrupt the lead
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_AFTER_MS);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  window.on('close', save);
}
