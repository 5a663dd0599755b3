import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Engine } from '../core/app';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

export interface BrowserServerOptions {
  engine: Engine;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** A fixed token for tests; a random one per launch otherwise. */
  token?: string;
}

export interface BrowserServer {
  url: string;
  /** The URL to open: it carries the token once, then a cookie takes over. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Browser mode: the renderer over HTTP + WebSocket, bound to 127.0.0.1 only. Every request
 * and socket needs the per-launch token (Bearer header or the cookie set from the opening
 * URL); Host and Origin must name this server, which stops DNS rebinding and other sites.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = createServer();
  const sockets = new WebSocketServer({ noServer: true });
  let port = 0;
  const cookieName = () => `tideline_${port}`;

  const allowedHosts = () => new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  const sameOrigin = (req: IncomingMessage) => {
    if (!allowedHosts().has(req.headers.host ?? '')) return false;
    const origin = req.headers.origin;
    return origin === undefined || [...allowedHosts()].some((h) => origin === `http://${h}`);
  };
  const tokenMatches = (candidate: string | undefined) => {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const authorized = (req: IncomingMessage) => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    return tokenMatches(bearer) || tokenMatches(readCookie(req, cookieName()));
  };

  server.on('request', (req, res) => {
    void handleRequest(req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'The server failed to answer.' } });
    });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!sameOrigin(req)) return sendText(res, 403, 'Refused: this server answers only to its own address.');
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);

    // the opening URL carries the token once; swap it for a cookie and drop it from the address bar
    const queryToken = url.searchParams.get('token');
    if (req.method === 'GET' && queryToken !== null) {
      if (!tokenMatches(queryToken))
        return sendText(res, 401, 'This link has an old or wrong token. Open the URL that `tideline serve` printed.');
      res.writeHead(303, {
        location: url.pathname,
        'set-cookie': `${cookieName()}=${token}; Path=/; HttpOnly; SameSite=Strict`,
        'cache-control': 'no-store',
      });
      res.end();
      return;
    }
    if (!authorized(req)) return sendText(res, 401, 'Open the URL that `tideline serve` printed: it carries the access token.');

    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
    return serveStatic(res, options.staticDir, url.pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const match = /^\/api\/invoke\/([\w.]+)$/.exec(url.pathname);
    if (!match) return sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'No such endpoint.' } });
    if (req.method !== 'POST') return sendText(res, 405, 'Use POST.');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendText(res, 415, 'Send JSON.');
    let input: unknown;
    try {
      const body = await readBody(req, MAX_BODY_BYTES);
      input = body.length ? JSON.parse(body) : {};
    } catch (error) {
      const message = error instanceof BodyTooLarge ? 'The request is too large.' : 'The request body is not valid JSON.';
      return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message } });
    }
    sendJson(res, 200, await options.engine.dispatch(match[1]!, input));
  }

  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', `http://${LOOPBACK}`).pathname;
    if (path !== '/api/events' || !sameOrigin(req) || !authorized(req)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws));
  });

  const unsubscribe = options.engine.on((event, payload) => {
    const frame = JSON.stringify({ event, payload });
    for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(frame);
  });
  sockets.on('connection', (ws: WebSocket) => ws.on('error', () => ws.terminate()));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${LOOPBACK}:${port}/`;

  return {
    url,
    openUrl: `${url}?token=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveStatic(res: ServerResponse, root: string, pathname: string): void {
  const safe = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  let file = join(root, safe);
  if (!file.startsWith(root + sep) && file !== root) return sendText(res, 403, 'Refused.');
  // the app is one page: unknown paths get index.html
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) return sendText(res, 503, 'The interface is not built. Run `npm run build`.');
  const type = MIME[extname(file)] ?? 'application/octet-stream';
  const headers: Record<string, string> = {
    'content-type': type,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
  };
  if (type.startsWith('text/html')) {
    headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
    headers['x-frame-options'] = 'DENY';
  }
  res.writeHead(200, headers);
  createReadStream(file).pipe(res);
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
