import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/api/events';
import type { Envelope } from '../../shared/api/errors';
import type { Engine } from '../core/app';
import type { TrustedUrl } from './security';

/**
 * The IPC bridge: one channel for calls, one for pushed events. A call is answered only
 * when it comes from the app's own page in its own window.
 */
export function registerIpcBridge(ipcMain: IpcMain, engine: Engine, isTrusted: TrustedUrl, windows: () => WebContents[]): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<Envelope> => {
    const frameUrl = event.senderFrame?.url ?? '';
    const known = windows().some((contents) => contents.id === event.sender.id);
    if (!known || !isTrusted(frameUrl)) {
      return { ok: false, error: { code: 'UNAVAILABLE', message: 'Refused: the call did not come from the Tideline window.' } };
    }
    if (typeof method !== 'string') return { ok: false, error: { code: 'VALIDATION', message: 'The method name must be a string.' } };
    return engine.dispatch(method, input);
  });
  const unsubscribe = engine.on((name, payload) => {
    for (const contents of windows()) if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, name, payload);
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    unsubscribe();
  };
}
