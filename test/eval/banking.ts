import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** BANKING77 (PolyAI, CC BY 4.0): real bank questions with one of 77 intents each. */
export interface Labelled {
  text: string;
  label: string;
}

export const BANKING77 = join(import.meta.dirname, '../../../shared/datasets/banking77');

export function banking77(split: 'train' | 'test'): Labelled[] | null {
  const file = join(BANKING77, `${split}.csv`);
  if (!existsSync(file)) return null;
  return (parse(readFileSync(file, 'utf8'), { columns: true }) as { text: string; category: string }[]).map((r) => ({
    text: r.text,
    label: r.category,
  }));
}
