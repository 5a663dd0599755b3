import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../src/shared/api/contract';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../src/shared/api/events';
import type { Envelope } from '../../src/shared/api/errors';
import { onCleanup, tempDir, testEngine, waitFor } from '../helpers/temp';

type PermissionHandler = (contents: unknown, permission: string, callback: (allowed: boolean) => void) => void;
type HeadersHandler = (details: unknown, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void;
interface FakeSession {
  permissionRequest?: PermissionHandler;
  permissionCheck?: () => boolean;
  headers?: HeadersHandler;
  setPermissionRequestHandler(h: PermissionHandler): void;
  setPermissionCheckHandler(h: () => boolean): void;
  webRequest: { onHeadersReceived(h: HeadersHandler): void };
}

/** A stand-in for the parts of electron the shell uses; records what the shell did with them. */
const electron = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const windows: FakeWindow[] = [];
  class FakeContents extends Emitter {
    static next = 1;
    id = FakeContents.next++;
    sent: unknown[][] = [];
    openHandler?: (details?: { url: string }) => unknown;
    setWindowOpenHandler(handler: (details?: { url: string }) => unknown) {
      this.openHandler = handler;
    }
    send(...args: unknown[]) {
      this.sent.push(args);
    }
    isDestroyed() {
      return false;
    }
  }
  class FakeWindow extends Emitter {
    static getAllWindows = () => windows;
    webContents = new FakeContents();
    loaded?: string;
    constructor(public options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    maximized = false;
    show() {}
    isMinimized() {
      return false;
    }
    isDestroyed() {
      return false;
    }
    isFullScreen() {
      return false;
    }
    isMaximized() {
      return this.maximized;
    }
    maximize() {
      this.maximized = true;
    }
    getNormalBounds() {
      const { x = 0, y = 0, width, height } = this.options as Record<string, number>;
      return { x, y, width, height };
    }
  }
  const session: FakeSession = {
    setPermissionRequestHandler(h) {
      session.permissionRequest = h;
    },
    setPermissionCheckHandler(h) {
      session.permissionCheck = h;
    },
    webRequest: {
      onHeadersReceived(h) {
        session.headers = h;
      },
    },
  };
  const app = Object.assign(new Emitter(), {
    setName: vi.fn(),
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    quit: vi.fn(),
  });
  return {
    handlers,
    windows,
    FakeContents,
    session,
    module: {
      app,
      BrowserWindow: FakeWindow,
      ipcMain: {
        handle: (channel: string, fn: (...args: unknown[]) => unknown) => handlers.set(channel, fn),
        removeHandler: (channel: string) => handlers.delete(channel),
      },
      Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: vi.fn() },
      safeStorage: {
        isEncryptionAvailable: () => true,
        encryptString: (s: string) => Buffer.from(`enc:${s}`),
        decryptString: (b: Buffer) => b.toString().slice(4),
      },
      session: { defaultSession: session },
      screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
      contextBridge: { exposeInMainWorld: vi.fn() },
      shell: { openExternal: vi.fn(() => Promise.resolve()) },
      ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
    },
  };
});
vi.mock('electron', () => ({ ...electron.module, default: electron.module }));

const { registerIpcBridge } = await import('../../src/main/electron/ipc');
const { lockDownContents, lockDownSession, trustedUrlChecker } = await import('../../src/main/electron/security');
const { mainWindowOptions } = await import('../../src/main/electron/window');
const { startBrowserServer } = await import('../../src/main/host/http');

const RENDERER = 'file:///app/out/renderer/index.html';

function bridge(engine = testEngine()) {
  const trusted = new electron.FakeContents();
  registerIpcBridge(electron.module.ipcMain as never, engine.engine, trustedUrlChecker(RENDERER), () => [trusted as never]);
  const handler = electron.handlers.get(IPC_INVOKE_CHANNEL)!;
  const invoke = (method: string, input: unknown, sender = trusted, frameUrl = RENDERER) =>
    handler({ sender, senderFrame: { url: frameUrl } }, method, input) as Promise<Envelope>;
  return { invoke, trusted, engine };
}

beforeEach(() => {
  electron.handlers.clear();
  electron.windows.length = 0;
});

describe('Electron shell (mocked electron)', () => {
  it('opens the window locked down: isolation, sandbox, no node', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('denies permissions, adds the CSP, and refuses navigation and new windows', () => {
    lockDownSession(electron.session as never, true);
    const answers: boolean[] = [];
    electron.session.permissionRequest!(null, 'media', (ok) => answers.push(ok));
    electron.session.permissionRequest!(null, 'notifications', (ok) => answers.push(ok));
    expect(answers).toEqual([false, false]);
    expect(electron.session.permissionCheck!()).toBe(false);
    let headers: Record<string, string[]> = {};
    electron.session.headers!({ responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']![0]).toContain("default-src 'self'");

    const contents = new electron.FakeContents();
    const opened: string[] = [];
    lockDownContents(contents as never, trustedUrlChecker(RENDERER), (url) => opened.push(url));
    const navigate = (url: string) => {
      const event = { preventDefault: vi.fn() };
      contents.emit('will-navigate', event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate(RENDERER)).toBe(false);
    expect(contents.openHandler!({ url: 'https://acme.zendesk.com/hc/en-us/articles/1' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://acme.zendesk.com/hc/en-us/articles/1']);
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('reaches every contract method over the IPC bridge', async () => {
    const { invoke } = bridge();
    for (const method of METHOD_NAMES) {
      const result = await invoke(method, {});
      // a handler ran: the answer is a result or a domain error, never "no such method" or a refusal
      if (!result.ok) {
        expect(result.error.code, method).not.toBe('NOT_FOUND');
        expect(result.error.message, method).not.toMatch(/Refused|not available|no method/);
      }
    }
  });

  it('refuses calls from a foreign sender or a foreign page', async () => {
    const { invoke } = bridge();
    const stranger = new electron.FakeContents();
    const fromStranger = await invoke('workspace.list', {}, stranger);
    expect(fromStranger).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/Refused/) } });
    const { trusted } = bridge();
    const navigatedAway = await invoke('workspace.list', {}, trusted, 'https://evil.example/');
    expect(navigatedAway.ok).toBe(false);
  });

  it('gives the same answer through HTTP and through IPC', async () => {
    const engine = testEngine();
    await engine.call('workspace.create', { name: 'Same answer' });
    const { invoke } = bridge(engine);
    const staticDir = tempDir();
    mkdirSync(staticDir, { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
    const server = await startBrowserServer({ engine: engine.engine, staticDir });
    onCleanup(() => server.close());
    for (const [method, input] of [
      ['workspace.list', {}],
      ['workspace.status', {}],
      ['jobs.get', { id: 424242 }],
      ['workspace.create', { name: '' }],
    ] as const) {
      const viaIpc = await invoke(method, input);
      const viaHttp = await (
        await fetch(`${server.url}api/invoke/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        })
      ).json();
      expect(viaHttp, method).toEqual(viaIpc);
    }
  });

  it('forwards engine events to the window', async () => {
    const { engine, trusted } = bridge();
    engine.engine.emit('workspace.changed', { current: null });
    expect(trusted.sent).toContainEqual([IPC_EVENT_CHANNEL, 'workspace.changed', { current: null }]);
  });

  it('boots the desktop app: window with the preload, bridge registered, secrets in the keychain', async () => {
    const dataDir = tempDir();
    vi.stubEnv('TIDELINE_DATA_DIR', dataDir);
    onCleanup(() => void vi.unstubAllEnvs());
    const { startDesktopApp } = await import('../../src/main/electron/main');
    await startDesktopApp('/app/out/main');
    onCleanup(async () => {
      electron.module.app.emit('will-quit', { preventDefault() {} });
      await waitFor(() => (electron.module.app.quit.mock.calls.length ? true : undefined));
    });
    expect(electron.windows).toHaveLength(1);
    const window = electron.windows[0]!;
    expect(window.options.webPreferences).toMatchObject({ preload: '/app/out/preload/index.cjs', sandbox: true, contextIsolation: true });
    expect(window.loaded).toBe('file:///app/out/renderer/index.html');
    const handler = electron.handlers.get(IPC_INVOKE_CHANNEL)!;
    const info = (await handler({ sender: window.webContents, senderFrame: { url: window.loaded } }, 'app.info', {})) as Envelope<{
      host: string;
      dataDir: string;
      secretStore: { kind: string };
    }>;
    expect(info).toMatchObject({ ok: true, result: { host: 'electron', dataDir, secretStore: { kind: 'os-keychain' } } });
  });

  it('opens the window where it was left, and remembers where it is when it closes', async () => {
    const dataDir = tempDir();
    vi.stubEnv('TIDELINE_DATA_DIR', dataDir);
    onCleanup(() => void vi.unstubAllEnvs());
    const file = join(dataDir, 'window-state.json');
    writeFileSync(file, JSON.stringify({ x: 300, y: 120, width: 1500, height: 900, maximized: true }));
    electron.module.app.quit.mockClear(); // the cleanup below waits for this start's engine to close
    const { startDesktopApp } = await import('../../src/main/electron/main');
    await startDesktopApp('/app/out/main');
    onCleanup(async () => {
      electron.module.app.emit('will-quit', { preventDefault() {} });
      await waitFor(() => (electron.module.app.quit.mock.calls.length ? true : undefined));
    });
    const window = electron.windows.at(-1)!;
    expect(window.options).toMatchObject({ x: 300, y: 120, width: 1500, height: 900, minWidth: 900 });
    window.emit('ready-to-show');
    expect(window.isMaximized()).toBe(true);

    Object.assign(window.options, { x: 40, y: 30, width: 1100, height: 700 });
    window.maximized = false;
    window.emit('close');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 40, y: 30, width: 1100, height: 700, maximized: false });
  });

  it('exposes only invoke and on to the page', async () => {
    await import('../../src/preload/index');
    const [[name, api]] = electron.module.contextBridge.exposeInMainWorld.mock.calls as [[string, Record<string, unknown>]];
    expect(name).toBe('api');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    (api.invoke as (m: string, i: unknown) => void)('app.info', {});
    expect(electron.module.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_INVOKE_CHANNEL, 'app.info', {});
  });
});
