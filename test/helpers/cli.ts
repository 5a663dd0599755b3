import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/main/host/cli';

/** Tickets whose messages fill many pages, so damage can hit them and spare the rest. */
export function ticketsFile(dir: string, count: number, from = 0): string {
  const lines = [];
  for (let i = from; i < from + count; i++) {
    const body = `Where is my parcel ${i}? It was due last week and the tracking page still says label created. `.repeat(6);
    lines.push(
      JSON.stringify({
        id: `T-${i}`,
        subject: `Parcel ${i}`,
        status: 'solved',
        created_at: `2026-03-${String(1 + (i % 27)).padStart(2, '0')}T09:14:00Z`,
        messages: [
          { id: 'm1', role: 'customer', created_at: '2026-03-02T09:14:00Z', body },
          { id: 'm2', role: 'agent', created_at: '2026-03-02T10:00:00Z', body: `Your parcel ${i} left the depot today. `.repeat(5) },
        ],
      }),
    );
  }
  const path = join(dir, `tickets-${from}.jsonl`);
  writeFileSync(path, lines.join('\n'));
  return path;
}

/** Runs CLI commands in this process on one data folder; `text` is what the last one printed, `json` its stdout parsed. */
export function cli(dataDir: string) {
  const all: string[] = [];
  const out: string[] = [];
  const io = { out: (t: string) => (out.push(t), all.push(t)), err: (t: string) => all.push(t), stdin: async () => [] };
  const run = async (...args: string[]) => {
    all.length = out.length = 0;
    return main([...args, '--data-dir', dataDir], io);
  };
  return { run, text: () => all.join('\n'), json: () => JSON.parse(out.join('\n')) as unknown };
}
