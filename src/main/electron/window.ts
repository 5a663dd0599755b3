import { BrowserWindow, screen, type BrowserWindowConstructorOptions } from 'electron';
import { join } from 'node:path';
import { keepWindowState, placeWindow, readWindowState } from './window-state';

const SIZE = { width: 1320, height: 860, minWidth: 900, minHeight: 600 };

/** The one place the window's security options are set; tests assert them. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    ...SIZE,
    show: false,
    title: 'Tideline',
    backgroundColor: '#0f1720',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** The main window, where and as big as it was left (`stateFile`, see window-state.ts). */
export function createMainWindow(mainDir: string, rendererUrl: string, stateFile: string): BrowserWindow {
  const screens = screen.getAllDisplays().map((d) => d.workArea);
  const { maximized, ...bounds } = placeWindow(readWindowState(stateFile), screens, SIZE);
  const window = new BrowserWindow({ ...mainWindowOptions(join(mainDir, '../preload/index.cjs')), ...bounds });
  keepWindowState(window, stateFile);
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  void window.loadURL(rendererUrl);
  return window;
}
