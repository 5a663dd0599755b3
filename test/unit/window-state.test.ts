import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeWindow, readWindowState } from '../../src/main/electron/window-state';
import { tempDir } from '../helpers/temp';

const LIMITS = { width: 1320, height: 860, minWidth: 900, minHeight: 600 };
const LAPTOP = { x: 0, y: 0, width: 1440, height: 875 };
const MONITOR = { x: 1440, y: -200, width: 2560, height: 1400 };

describe('where the window opens', () => {
  it('opens at the default size the first time', () => {
    expect(placeWindow(null, [LAPTOP], LIMITS)).toEqual({ width: 1320, height: 860, maximized: false });
  });

  it('opens where it was left, on a second screen too, maximized or not', () => {
    const saved = { x: 1600, y: -100, width: 1800, height: 1000, maximized: true };
    expect(placeWindow(saved, [LAPTOP, MONITOR], LIMITS)).toEqual(saved);
  });

  it('comes back onto a screen when the one it was on is gone, at a size that fits', () => {
    const saved = { x: 1600, y: -100, width: 1800, height: 1000, maximized: false };
    expect(placeWindow(saved, [LAPTOP], LIMITS)).toEqual({ width: 1440, height: 875, maximized: false });
  });

  it('keeps a window that hangs over the edge while its top edge can still be grabbed', () => {
    const grabbable = { x: 1300, y: 500, width: 1000, height: 700, maximized: false };
    expect(placeWindow(grabbable, [LAPTOP], LIMITS)).toMatchObject({ x: 1300, y: 500 });
    const titleOffScreen = { x: 200, y: 860, width: 1000, height: 700, maximized: false };
    expect(placeWindow(titleOffScreen, [LAPTOP], LIMITS)).not.toHaveProperty('x');
    const aboveTheScreen = { x: 200, y: -30, width: 1000, height: 700, maximized: false };
    expect(placeWindow(aboveTheScreen, [LAPTOP], LIMITS)).not.toHaveProperty('x');
  });

  it('never opens smaller than the window allows', () => {
    expect(placeWindow({ x: 10, y: 10, width: 300, height: 200, maximized: false }, [LAPTOP], LIMITS)).toEqual({
      x: 10,
      y: 10,
      width: 900,
      height: 600,
      maximized: false,
    });
  });

  it('reads a saved state, and treats a missing, damaged or odd file as none', () => {
    const dir = tempDir();
    const file = join(dir, 'window-state.json');
    expect(readWindowState(file)).toBeNull();
    writeFileSync(file, '{"x": 5, "y": 6, "width": 1000, "height": 700, "maximized": true}');
    expect(readWindowState(file)).toEqual({ x: 5, y: 6, width: 1000, height: 700, maximized: true });
    writeFileSync(file, '{"width": 1000, "height": 700}');
    expect(readWindowState(file)).toEqual({ width: 1000, height: 700, maximized: false });
    writeFileSync(file, '{"x": 5, "y": 6, "width": 1000');
    expect(readWindowState(file)).toBeNull();
    writeFileSync(file, '{"x": 5, "y": 6, "width": "wide", "height": 700}');
    expect(readWindowState(file)).toBeNull();
    writeFileSync(file, 'null');
    expect(readWindowState(file)).toBeNull();
  });
});
