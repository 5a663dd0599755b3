import type { Transport } from '../../shared/api/client';
import type { Envelope } from '../../shared/api/errors';

export type ConnectionState = 'connecting' | 'open' | 'lost';

/**
 * Browser mode: calls are POSTs to /api/invoke/<method>, events come over one WebSocket.
 * The server traded the token in the opening URL for a same-site cookie, which both carry.
 */
export function httpTransport(onConnection: (state: ConnectionState) => void): Transport {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  let retryMs = 500;

  const connect = () => {
    onConnection('connecting');
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`);
    socket.onopen = () => {
      retryMs = 500;
      onConnection('open');
    };
    socket.onmessage = (message) => {
      const { event, payload } = JSON.parse(String(message.data)) as { event: string; payload: unknown };
      for (const listener of listeners) listener(event, payload);
    };
    socket.onclose = () => {
      onConnection('lost');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
  };
  connect();

  return {
    async invoke(method, input) {
      let response: Response;
      try {
        response = await fetch(`/api/invoke/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        return { ok: false, error: { code: 'UNAVAILABLE', message: 'Tideline is not reachable. Is `tideline serve` still running?' } };
      }
      if (response.status === 401) {
        return {
          ok: false,
          error: { code: 'UNAVAILABLE', message: 'This page lost its access token. Open the link that `tideline serve` printed.' },
        };
      }
      return (await response.json()) as Envelope;
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
