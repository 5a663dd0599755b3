import { createClient, type ApiClient } from '../../shared/api/client';
import { httpTransport, type ConnectionState } from './http';
import { ipcTransport, type PreloadBridge } from './ipc';

declare global {
  interface Window {
    api?: PreloadBridge;
  }
}

type ConnectionListener = (state: ConnectionState) => void;
const connectionListeners = new Set<ConnectionListener>();
let connection: ConnectionState = 'open';

/** Browser-mode socket state; the desktop app is always connected. */
export function onConnectionChange(listener: ConnectionListener): () => void {
  connectionListeners.add(listener);
  listener(connection);
  return () => connectionListeners.delete(listener);
}

function setConnection(state: ConnectionState): void {
  connection = state;
  for (const listener of connectionListeners) listener(state);
}

/** The transport is picked once: the preload's bridge in the desktop app, HTTP + WebSocket otherwise. */
export const api: ApiClient = createClient(window.api ? ipcTransport(window.api) : httpTransport(setConnection));
export const transportKind: 'ipc' | 'http' = window.api ? 'ipc' : 'http';
export type { ConnectionState };
