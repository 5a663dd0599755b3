import { describe, expect, it } from 'vitest';
import { findChromium } from '../helpers/chromium';

describe('finding a Chromium for the end-to-end tests', () => {
  it('takes CHROMIUM_PATH first and refuses one that does not exist', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/chrome' }, (path) => path === '/opt/chrome')).toEqual({
      path: '/opt/chrome',
      source: 'CHROMIUM_PATH',
    });
    expect(() => findChromium({ CHROMIUM_PATH: '/opt/missing' }, () => false)).toThrow(/CHROMIUM_PATH is set to \/opt\/missing/);
  });

  it.runIf(process.platform === 'linux')('falls back to a system browser, and to nothing when the machine has none', () => {
    expect(findChromium({}, (path) => path === '/usr/bin/google-chrome')).toEqual({
      path: '/usr/bin/google-chrome',
      source: 'the system browser',
    });
    expect(findChromium({}, () => false)).toBeNull();
  });
});
