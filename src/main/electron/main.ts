import { app, BrowserWindow, ipcMain, Menu, safeStorage, session, shell } from 'electron';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { createEngine, type EngineHandle } from '../core';
import { resolveDataDir } from '../core/paths';
import { registerIpcBridge } from './ipc';
import { appMenuTemplate } from './menu';
import { createSecretStore } from './secrets';
import { lockDownApp, lockDownSession, trustedUrlChecker } from './security';
import { createMainWindow } from './window';

/** Boots the desktop app: one engine, one locked-down window, the IPC bridge between them. */
export async function startDesktopApp(mainDir: string): Promise<void> {
  app.setName('Tideline');
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const devServer = process.env.ELECTRON_RENDERER_URL;
  const rendererUrl = devServer ?? pathToFileURL(join(mainDir, '../renderer/index.html')).toString();
  const isTrusted = trustedUrlChecker(rendererUrl);
  lockDownApp(app, isTrusted, (url) => void shell.openExternal(url));

  await app.whenReady();
  const dataDir = resolveDataDir(dataDirFlag(process.argv));
  const handle: EngineHandle = createEngine({ dataDir, host: 'electron', secrets: createSecretStore(dataDir, safeStorage) });
  // the dev server injects inline scripts for hot reload; built files carry the strict CSP themselves too
  lockDownSession(session.defaultSession, !devServer);
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform)));
  const windows = () => BrowserWindow.getAllWindows().map((w) => w.webContents);
  const disposeBridge = registerIpcBridge(ipcMain, handle.engine, isTrusted, windows);

  const windowState = join(dataDir, 'window-state.json');
  let window = createMainWindow(mainDir, rendererUrl, windowState);
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createMainWindow(mainDir, rendererUrl, windowState);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    disposeBridge();
    void handle.close().finally(() => app.quit());
  });
}

function dataDirFlag(argv: string[]): string | undefined {
  const index = argv.indexOf('--data-dir');
  if (index >= 0) return argv[index + 1];
  return argv.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length);
}
