import { describe, expect, it } from 'vitest';
import { Engine, toApiError } from '../../src/main/core/app';
import { METHOD_NAMES } from '../../src/shared/api/contract';
import { AppError } from '../../src/shared/api/errors';
import { testEngine } from '../helpers/temp';

describe('engine dispatch', () => {
  it('has a handler for every contract method', () => {
    const { engine } = testEngine();
    expect(engine.missingHandlers()).toEqual([]);
    expect(METHOD_NAMES.length).toBeGreaterThan(5);
  });

  it('answers an unknown method with NOT_FOUND', async () => {
    const { engine } = testEngine();
    const result = await engine.dispatch('drafts.explode', {});
    expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'There is no method called "drafts.explode".' } });
  });

  it('validates input with zod before the handler runs and names the bad field', async () => {
    const { engine } = testEngine();
    const result = await engine.dispatch('workspace.create', { name: '   ' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.message).toContain('name');
    const extra = await engine.dispatch('jobs.get', { id: 1, sneaky: true });
    expect(extra.ok === false && extra.error.code).toBe('VALIDATION');
    const wrongType = await engine.dispatch('jobs.get', { id: 'one' });
    expect(wrongType.ok === false && wrongType.error.message).toMatch(/^id: /);
  });

  it('maps thrown errors to {code, message} without stacks', async () => {
    expect(toApiError(new AppError('CONFLICT', 'taken'))).toEqual({ code: 'CONFLICT', message: 'taken' });
    const constraint = Object.assign(new Error('UNIQUE constraint failed: x.y'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(toApiError(constraint).code).toBe('CONFLICT');
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(toApiError(busy).code).toBe('UNAVAILABLE');
    const original = console.error;
    console.error = () => {};
    try {
      const internal = toApiError(new TypeError('x is undefined'));
      expect(internal.code).toBe('INTERNAL');
      expect(internal.message).toContain('x is undefined');
      expect(internal.message).not.toMatch(/\bat \S+ \(/); // no stack frames
      expect(Object.keys(internal).sort()).toEqual(['code', 'message']);
    } finally {
      console.error = original;
    }
  });

  it('refuses to register a handler twice and reports methods nobody handles', () => {
    const engine = new Engine();
    engine.register('secrets.list', () => []);
    expect(() => engine.register('secrets.list', () => [])).toThrow(/twice/);
    expect(engine.missingHandlers()).toContain('workspace.create');
    expect(engine.missingHandlers()).not.toContain('secrets.list');
  });

  it('delivers events to listeners until they unsubscribe', () => {
    const engine = new Engine();
    const seen: string[] = [];
    const off = engine.on((event) => seen.push(event));
    engine.emit('workspace.changed', { current: null });
    off();
    engine.emit('workspace.changed', { current: null });
    expect(seen).toEqual(['workspace.changed']);
  });
});
