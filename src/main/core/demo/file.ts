import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { DemoCompany, demoStart } from './generator';

/** Writes the demo company's tickets as JSON Lines (the open format, with `truth`); returns the count. */
export async function writeDemoFile(
  path: string,
  options: { weeks: number; perWeek: number; seed: number; start?: string },
): Promise<number> {
  const company = new DemoCompany({ ...options, start: options.start ?? demoStart(new Date(), options.weeks) });
  const out = createWriteStream(path);
  let count = 0;
  for (const line of company.all()) {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
    count++;
  }
  out.end();
  await once(out, 'finish');
  return count;
}
