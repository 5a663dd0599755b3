import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOllama {
  url: string;
  requests: { path: string; body: unknown }[];
  close(): Promise<void>;
}

/**
 * A loopback stand-in for Ollama's documented HTTP API: GET /api/tags lists models,
 * POST /api/embed returns one vector per input, unknown models get a 404 error body.
 */
/** What the fake answers to a chat: a fixed text, or one built from the request (to echo what it was given). */
export type ChatReply = string | ((request: { messages: { role: string; content: string }[] }) => string);

export async function startFakeOllama(
  models: Record<string, number>,
  chatReplies: ChatReply[] = [],
  echo?: ChatReply,
): Promise<FakeOllama> {
  const requests: FakeOllama['requests'] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      requests.push({ path: req.url ?? '', body });
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && req.url === '/api/tags') {
        res.end(
          JSON.stringify({
            models: Object.keys(models).map((name) => ({
              name,
              model: name,
              modified_at: '2026-01-01T00:00:00Z',
              size: 1,
              digest: 'x',
              details: {},
            })),
          }),
        );
        return;
      }
      if (req.method === 'POST' && req.url === '/api/chat') {
        const model = String(body?.model);
        if (!(model in models)) {
          res.statusCode = 404;
          res.end(JSON.stringify({ error: `model "${model}" not found, try pulling it first` }));
          return;
        }
        // streamed as Ollama does: one JSON object per line, the content in small pieces
        const next = chatReplies.shift() ?? echo ?? '{}';
        const reply = typeof next === 'function' ? next(body as { messages: { role: string; content: string }[] }) : next;
        res.setHeader('content-type', 'application/x-ndjson');
        for (let i = 0; i < reply.length; i += 40) {
          res.write(
            `${JSON.stringify({ model, created_at: '2026-01-01T00:00:00Z', message: { role: 'assistant', content: reply.slice(i, i + 40) }, done: false })}\n`,
          );
        }
        res.end(
          `${JSON.stringify({ model, created_at: '2026-01-01T00:00:00Z', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop' })}\n`,
        );
        return;
      }
      if (req.method === 'POST' && req.url === '/api/embed') {
        const model = String(body?.model);
        const dimension = models[model];
        if (!dimension) {
          res.statusCode = 404;
          res.end(JSON.stringify({ error: `model "${model}" not found, try pulling it first` }));
          return;
        }
        const inputs = Array.isArray(body?.input) ? (body.input as string[]) : [String(body?.input)];
        const embeddings = inputs.map((text) =>
          Array.from({ length: dimension }, (_, i) => Math.sin(text.length * (i + 1)) + (text.charCodeAt(i % text.length) % 7) / 7),
        );
        res.end(JSON.stringify({ model, embeddings }));
        return;
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ error: 'not found' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
