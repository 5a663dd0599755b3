import type { Transport } from '../../shared/api/client';
import type { Envelope } from '../../shared/api/errors';

/** What the preload exposes on window.api in the desktop app. */
export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<Envelope>;
  on(listener: (event: string, payload: unknown) => void): () => void;
}

export function ipcTransport(bridge: PreloadBridge): Transport {
  return {
    invoke: (method, input) => bridge.invoke(method, input),
    on: (listener) => bridge.on(listener),
  };
}
