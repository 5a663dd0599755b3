import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { otherLanguagesAdvice, type EmbeddingStatus } from '../../src/shared/domain/embedding';
import { inEnglish } from '../../src/main/core/text/language';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

const ASKED = [
  'How do I descale my kettle?',
  'When will my refund arrive on my card?',
  'My kettle will not join the wifi network.',
  'Can I change the delivery address of my order?',
  'Wie entkalke ich den Wasserkocher?',
  'Wo ist meine Bestellung?',
  'Quiero devolver la tetera.',
  'Where is my order?',
];

function ticketsFile(): string {
  const path = join(tempDir(), 'asked.jsonl');
  const at = (i: number) => `2026-03-${String(2 + i).padStart(2, '0')}T09:00:00Z`;
  writeFileSync(
    path,
    ASKED.map((question, i) =>
      JSON.stringify({
        id: `L-${i}`,
        status: 'solved',
        created_at: at(i),
        messages: [
          // a greeting and a signature in English do not make a German question English
          { role: 'customer', created_at: at(i), body: `Hi there,\n\n${question}\n\nThanks,\nAna Weber` },
          { role: 'agent', created_at: at(i), body: 'Here is how.' },
        ],
      }),
    ).join('\n'),
  );
  return path;
}

describe('tickets in other languages', () => {
  it('tells a text in English from one in German, Spanish or French by its words, typos and names included', () => {
    for (const text of ['How do I descale my kettle?', 'smartthings setup help', 'Kettle doesn’t see my 5GHz network'])
      expect(inEnglish(text)).toBe(true);
    for (const text of [
      'Wie entkalke ich den Wasserkocher?',
      'Ich habe mein Passwort vergessen.',
      'Quiero devolver la tetera.',
      "Je n'ai pas reçu ma commande.",
    ])
      expect(inEnglish(text)).toBe(false);
  });

  it('gives the share of the latest tickets asked in another language, and offers the multilingual model while an English one reads them', async () => {
    const dataDir = tempDir();
    const { run, text, json } = cli(dataDir);
    expect(await run('import', ticketsFile())).toBe(0);
    expect(await run('status', '--json')).toBe(0);
    const status = (json() as { embedding: EmbeddingStatus }).embedding;
    expect(status.otherLanguages).toEqual({ sampled: 8, share: 3 / 8 });
    expect(otherLanguagesAdvice(status)).toMatchObject({ share: 3 / 8, model: { id: 'Xenova/multilingual-e5-small' } });
    expect(await run('status')).toBe(0);
    expect(text()).toMatch(
      /Languages: +38% of the latest 8 tickets ask in another language than English; E5 small \(100 languages\) reads them/,
    );

    // nothing to say once a model that reads them is chosen, of an Ollama model, or of a share too small to matter
    const withConfig = (config: EmbeddingStatus['config']) => otherLanguagesAdvice({ ...status, config });
    expect(withConfig({ provider: 'transformers', model: 'Xenova/multilingual-e5-small' })).toBeNull();
    expect(withConfig({ provider: 'ollama', model: 'bge-m3' })).toBeNull();
    expect(withConfig({ provider: 'transformers', model: 'Xenova/bge-small-en-v1.5' })).not.toBeNull();
    expect(withConfig({ provider: 'builtin' })).not.toBeNull();
    expect(otherLanguagesAdvice({ ...status, otherLanguages: { sampled: 500, share: 0.01 } })).toBeNull();
  });
});
