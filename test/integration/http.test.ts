import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startBrowserServer, type BrowserServer } from '../../src/main/host/http';
import { onCleanup, tempDir, testEngine, waitFor } from '../helpers/temp';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  server: BrowserServer,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

async function server() {
  const staticDir = tempDir();
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Tideline</title>');
  const handle = testEngine();
  const srv = await startBrowserServer({ engine: handle.engine, staticDir });
  onCleanup(() => srv.close());
  return { srv, handle };
}

const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

describe('browser mode server', () => {
  it('listens on 127.0.0.1 only', async () => {
    const { srv } = await server();
    expect(new URL(srv.url).hostname).toBe('127.0.0.1');
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && i.address !== '127.0.0.1')
      .map((i) => i!.address);
    others.push('::1');
    for (const address of others) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port: srv.port, timeout: 1000 });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
        socket.once('timeout', () => {
          socket.destroy();
          resolve('timeout');
        });
      });
      expect(outcome, `reachable on ${address}`).not.toBe('connected');
    }
  });

  it('answers 401 without the token, on pages, the API and the socket', async () => {
    const { srv } = await server();
    expect((await send(srv, '/')).status).toBe(401);
    expect(
      (await send(srv, '/api/invoke/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status,
    ).toBe(401);
    expect((await send(srv, '/api/invoke/app.info', { method: 'POST', headers: json('wrong-token'), body: '{}' })).status).toBe(401);
    const socketOutcome = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${srv.port}/api/events`);
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('refused'));
    });
    expect(socketOutcome).toBe('refused');
  });

  it('refuses a foreign Origin or Host even with the token', async () => {
    const { srv } = await server();
    const foreignOrigin = await send(srv, '/api/invoke/app.info', {
      method: 'POST',
      headers: { ...json(srv.token), origin: 'http://evil.example' },
      body: '{}',
    });
    expect(foreignOrigin.status).toBe(403);
    const rebinding = await send(srv, '/api/invoke/app.info', {
      method: 'POST',
      headers: { ...json(srv.token), host: `evil.example:${srv.port}` },
      body: '{}',
    });
    expect(rebinding.status).toBe(403);
    const ownOrigin = await send(srv, '/api/invoke/app.info', {
      method: 'POST',
      headers: { ...json(srv.token), origin: `http://127.0.0.1:${srv.port}` },
      body: '{}',
    });
    expect(ownOrigin.status).toBe(200);
  });

  it('trades the token in the opening URL for a same-site cookie and serves the page with a CSP', async () => {
    const { srv } = await server();
    const opening = await send(srv, `/?token=${srv.token}`);
    expect(opening.status).toBe(303);
    expect(opening.headers.location).toBe('/');
    const cookie = String(opening.headers['set-cookie']).split(';')[0]!;
    expect(String(opening.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await send(srv, '/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Tideline</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await send(srv, `/?token=not-it`)).status).toBe(401);
    expect((await send(srv, '/../../etc/passwd', { headers: { cookie } })).body).not.toContain('root:');
  });

  it('runs contract calls with the same checks as every host', async () => {
    const { srv } = await server();
    const ok = await send(srv, '/api/invoke/workspace.create', {
      method: 'POST',
      headers: json(srv.token),
      body: JSON.stringify({ name: 'Acme' }),
    });
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, result: { id: 'acme', active: true } });
    const invalid = await send(srv, '/api/invoke/workspace.create', {
      method: 'POST',
      headers: json(srv.token),
      body: JSON.stringify({ name: 5 }),
    });
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const garbage = await send(srv, '/api/invoke/workspace.create', { method: 'POST', headers: json(srv.token), body: '{nope' });
    expect(garbage.status).toBe(400);
    const notJson = await send(srv, '/api/invoke/app.info', {
      method: 'POST',
      headers: { authorization: `Bearer ${srv.token}`, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(notJson.status).toBe(415);
  });

  it('pushes job events over the socket to an authorized client', async () => {
    const { srv, handle } = await server();
    await handle.call('workspace.create', { name: 'Events' });
    const frames: { event: string; payload: { status?: string } }[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${srv.port}/api/events`, {
      headers: { authorization: `Bearer ${srv.token}`, origin: `http://127.0.0.1:${srv.port}` },
    });
    onCleanup(() => ws.close());
    ws.on('message', (data) => frames.push(JSON.parse(String(data))));
    await new Promise((r) => ws.once('open', r));
    await handle.call('diagnostics.selftest', { steps: 3, stepMs: 5 });
    const done = await waitFor(() => frames.find((f) => f.event === 'job.done'), 15_000, 'job.done over the socket');
    expect(done.payload.status).toBe('done');
    expect(frames.some((f) => f.event === 'job.progress')).toBe(true);
  });
});
