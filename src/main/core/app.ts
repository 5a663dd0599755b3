import { ZodError } from 'zod';
import { storageFailure } from './db/failures';
import { AppError, type ApiErrorShape, type Envelope } from '../../shared/api/errors';
import { contract, isMethodName, METHOD_NAMES, type MethodName, type MethodOutput, type ParsedInput } from '../../shared/api/contract';
import type { EventMap, EventName } from '../../shared/api/events';

export type Handler<M extends MethodName> = (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
export type FailureWatcher = (error: unknown) => ApiErrorShape | null;
export type EventListener = (event: EventName, payload: EventMap[EventName]) => void;

/**
 * The handler registry and dispatcher. Every host (Electron IPC, HTTP, CLI) calls
 * `dispatch`, so every caller gets the same validation and the same error shapes.
 */
export class Engine {
  private readonly handlers = new Map<MethodName, Handler<MethodName>>();
  private readonly listeners = new Set<EventListener>();
  private readonly failureWatchers = new Set<FailureWatcher>();
  private readonly callWatchers = new Set<(method: MethodName) => void>();

  register<M extends MethodName>(method: M, handler: Handler<M>): void {
    if (this.handlers.has(method)) throw new Error(`handler for ${method} registered twice`);
    this.handlers.set(method, handler as unknown as Handler<MethodName>);
  }

  /** Contract methods that have no handler yet; empty in a complete engine. */
  missingHandlers(): MethodName[] {
    return METHOD_NAMES.filter((m) => !this.handlers.has(m));
  }

  async dispatch(method: string, input: unknown): Promise<Envelope> {
    try {
      if (!isMethodName(method)) throw new AppError('NOT_FOUND', `There is no method called "${method}".`);
      const handler = this.handlers.get(method);
      if (!handler) throw new AppError('UNAVAILABLE', `"${method}" is not available in this host.`);
      const parsed = contract[method].input.parse(input ?? {});
      const result = await handler(parsed as ParsedInput<MethodName>);
      for (const watch of this.callWatchers) {
        try {
          watch(method);
        } catch (error) {
          console.error(`a watcher of ${method} failed:`, error);
        }
      }
      return { ok: true, result };
    } catch (error) {
      let explained: ApiErrorShape | undefined;
      for (const watch of this.failureWatchers) explained ??= watch(error) ?? undefined;
      return { ok: false, error: explained ?? toApiError(error) };
    }
  }

  /** Sees every error a call ends with (a damaged workspace is noticed wherever it shows), and may explain it better. */
  watchFailures(watcher: FailureWatcher): void {
    this.failureWatchers.add(watcher);
  }

  /** Told of every call that succeeded (after it did), whichever host made it. */
  watchCalls(watcher: (method: MethodName) => void): void {
    this.callWatchers.add(watcher);
  }

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        console.error(`event listener for ${event} failed:`, error);
      }
    }
  }
}

/** Maps any thrown value to `{code, message}`; a stack is printed only with TIDELINE_DEBUG set. */
export function toApiError(error: unknown): ApiErrorShape {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  if (error instanceof ZodError) return { code: 'VALIDATION', message: describeZodError(error) };
  const storage = storageFailure(error);
  if (storage) return { code: 'UNAVAILABLE', message: storage };
  const sqliteCode = (error as { code?: unknown } | null)?.code;
  if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_')) {
    if (sqliteCode.startsWith('SQLITE_CONSTRAINT')) {
      return { code: 'CONFLICT', message: 'That change conflicts with data already in the workspace.' };
    }
    if (sqliteCode === 'SQLITE_BUSY' || sqliteCode === 'SQLITE_LOCKED') {
      return { code: 'UNAVAILABLE', message: 'The workspace database is busy. Try again in a moment.' };
    }
  }
  if (process.env['TIDELINE_DEBUG']) console.error(error); // stacks only when asked for
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Something went wrong inside Tideline: ${detail}` };
}

function describeZodError(error: ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}
