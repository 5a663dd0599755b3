import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { join } from 'node:path';

/** The one place the window's security options are set; tests assert them. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1320,
    height: 860,
    minWidth: 900,
    minHeight: 600,
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

export function createMainWindow(mainDir: string, rendererUrl: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(join(mainDir, '../preload/index.cjs')));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
}
