import { AppError, isApiErrorShape, type Envelope } from './errors';
import type { MethodInput, MethodName, MethodOutput } from './contract';
import type { EventMap, EventName } from './events';

/** What a transport must do: carry one call, and deliver pushed events. */
export interface Transport {
  invoke(method: string, input: unknown): Promise<Envelope>;
  on(listener: (event: string, payload: unknown) => void): () => void;
}

/** The typed client used by the renderer and by tests. */
export interface ApiClient {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, callback: (payload: EventMap[E]) => void): () => void;
}

export function createClient(transport: Transport): ApiClient {
  return {
    async invoke(method, input) {
      const envelope = await transport.invoke(method, input);
      if (envelope.ok) return envelope.result as never;
      const error = isApiErrorShape(envelope.error)
        ? envelope.error
        : { code: 'INTERNAL' as const, message: 'The engine sent a reply this window does not understand.' };
      throw new AppError(error.code, error.message);
    },
    on(event, callback) {
      return transport.on((name, payload) => {
        if (name === event) callback(payload as never);
      });
    },
  };
}
