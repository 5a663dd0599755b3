import { createServer, type Socket } from 'node:net';

/**
 * A loopback Redis for tests and the bench (RESP2): the commands ioredis, Redlock and
 * Hocuspocus's Redis extension send — INFO, SELECT, CLIENT, AUTH, PING, keys with PX expiry,
 * SUBSCRIBE/UNSUBSCRIBE/PUBLISH with binary payloads, and the three Redlock scripts by their text
 * (EVALSHA answers NOSCRIPT, as a fresh Redis does, so the client sends EVAL). Anything else is an
 * error reply, so a change in what the relay sends shows up as a failing test.
 */
export async function startLoopbackRedis(): Promise<{ url: string; close(): Promise<void> }> {
  const server = fakeRedis();
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  return {
    url: `redis://127.0.0.1:${port}`,
    close() {
      sockets.forEach((s) => s.destroy());
      return new Promise<void>((done) => server.close(() => done()));
    },
  };
}

type Reply = Buffer;

const simple = (s: string): Reply => Buffer.from(`+${s}\r\n`);
const error = (s: string): Reply => Buffer.from(`-${s}\r\n`);
const integer = (n: number): Reply => Buffer.from(`:${n}\r\n`);
const bulk = (b: Buffer | string | null): Reply => {
  if (b === null) return Buffer.from('$-1\r\n');
  const data = typeof b === 'string' ? Buffer.from(b) : b;
  return Buffer.concat([Buffer.from(`$${data.length}\r\n`), data, Buffer.from('\r\n')]);
};
const array = (items: Reply[]): Reply => Buffer.concat([Buffer.from(`*${items.length}\r\n`), ...items]);

/** Reads one command (an array of bulk strings) from the front of the buffer: the command and what it used, or null when incomplete. */
function parseCommand(buffer: Buffer): { args: Buffer[]; used: number } | null {
  if (!buffer.length) return null;
  if (buffer[0] !== 0x2a /* '*' */) throw new Error('Only RESP arrays of bulk strings are understood');
  let at = 0;
  const line = () => {
    const end = buffer.indexOf('\r\n', at);
    if (end < 0) return null;
    const text = buffer.toString('latin1', at + 1, end);
    at = end + 2;
    return text;
  };
  const count = line();
  if (count === null) return null;
  const args: Buffer[] = [];
  for (let i = 0; i < Number(count); i++) {
    const size = line();
    if (size === null || buffer.length < at + Number(size) + 2) return null;
    args.push(buffer.subarray(at, at + Number(size)));
    at += Number(size) + 2;
  }
  return { args, used: at };
}

function fakeRedis() {
  const values = new Map<string, { value: Buffer; expires: number }>();
  const subscribers = new Map<string, Set<Socket>>();
  const live = (key: string) => {
    const entry = values.get(key);
    if (entry && entry.expires <= Date.now()) values.delete(key);
    return values.get(key)?.value ?? null;
  };
  const set = (key: string, value: Buffer, px: number) => values.set(key, { value, expires: px > 0 ? Date.now() + px : Infinity });

  /** The Redlock scripts, told apart by their comments: acquire, extend, release. */
  function script(text: string, keys: string[], argv: Buffer[]): Reply {
    const [value, ttl] = [argv[1]!, Number(argv[2]?.toString() ?? 0)];
    if (text.includes('Return 0 if an entry already exists')) {
      if (keys.some((k) => live(k) !== null)) return integer(0);
      keys.forEach((k) => set(k, value, ttl));
      return integer(keys.length);
    }
    if (text.includes('Return 0 if an entry exists with a *different* lock value')) {
      if (keys.some((k) => !live(k)?.equals(value))) return integer(0);
      keys.forEach((k) => set(k, value, ttl));
      return integer(keys.length);
    }
    if (text.includes('Only remove entries for *this* lock value')) {
      const mine = keys.filter((k) => live(k)?.equals(value));
      mine.forEach((k) => values.delete(k));
      return integer(mine.length);
    }
    return error('ERR this test Redis runs only the Redlock scripts');
  }

  function run(socket: Socket, channels: Set<string>, args: Buffer[]): Reply | null {
    const name = args[0]!.toString().toUpperCase();
    const text = (i: number) => args[i]!.toString();
    switch (name) {
      case 'INFO':
        return bulk('# Server\r\nredis_version:7.0.15\r\nloading:0\r\n');
      case 'PING':
        return simple('PONG');
      case 'SELECT':
      case 'CLIENT':
        return simple('OK');
      case 'AUTH': // as a Redis without a password answers; the client goes on
        return error(
          'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
        );
      case 'QUIT':
        socket.end(simple('OK'));
        return null;
      case 'GET':
        return bulk(live(text(1)));
      case 'EXISTS':
        return integer(args.slice(1).filter((k) => live(k.toString()) !== null).length);
      case 'DEL':
        return integer(args.slice(1).filter((k) => values.delete(k.toString())).length);
      case 'SET': {
        const px = args.findIndex((a, i) => i > 2 && a.toString().toUpperCase() === 'PX');
        set(text(1), args[2]!, px > 0 ? Number(text(px + 1)) : 0);
        return simple('OK');
      }
      case 'EVALSHA':
        return error('NOSCRIPT No matching script. Please use EVAL.');
      case 'EVAL': {
        const count = Number(text(2));
        return script(
          text(1),
          args.slice(3, 3 + count).map((k) => k.toString()),
          args.slice(3 + count),
        );
      }
      case 'SUBSCRIBE':
      case 'UNSUBSCRIBE': {
        const subscribe = name === 'SUBSCRIBE';
        const named = args.slice(1).map((a) => a.toString());
        const replies = (named.length ? named : [...channels]).map((channel) => {
          if (subscribe) {
            channels.add(channel);
            subscribers.set(channel, (subscribers.get(channel) ?? new Set()).add(socket));
          } else {
            channels.delete(channel);
            subscribers.get(channel)?.delete(socket);
          }
          return array([bulk(name.toLowerCase()), bulk(channel), integer(channels.size)]);
        });
        return Buffer.concat(replies);
      }
      case 'PUBLISH': {
        const receivers = [...(subscribers.get(text(1)) ?? [])];
        const message = array([bulk('message'), bulk(text(1)), bulk(args[2]!)]);
        for (const s of receivers) s.write(message);
        return integer(receivers.length);
      }
      default:
        return error(`ERR unknown command '${name}' (this test Redis knows only what the team server's relay sends)`);
    }
  }

  return createServer((socket) => {
    let pending = Buffer.alloc(0);
    const channels = new Set<string>();
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      for (let command = parseCommand(pending); command; command = parseCommand(pending)) {
        pending = pending.subarray(command.used);
        const reply = run(socket, channels, command.args);
        if (reply) socket.write(reply);
      }
    });
    const forget = () => channels.forEach((c) => subscribers.get(c)?.delete(socket));
    socket.on('close', forget);
    socket.on('error', forget);
  });
}
