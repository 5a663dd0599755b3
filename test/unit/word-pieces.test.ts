import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@tensorflow-models/universal-sentence-encoder';
import { describe, expect, it } from 'vitest';
import { sentenceEncoderFolder, wordByWord } from '../../src/main/core/embed/sentence-encoder';
import { banking77 } from '../eval/banking';

const vocabulary = JSON.parse(readFileSync(join(sentenceEncoderFolder(), 'vocab.json'), 'utf8')) as [string, number | null][];
const tokenizer = new Tokenizer(vocabulary as [string, number][]);
const piecesText = (ids: number[]) => ids.map((id) => vocabulary[id]![0]).join('');
const score = (ids: number[]) => ids.reduce((sum, id) => sum + (vocabulary[id]![1] ?? 0), 0);

describe('word pieces found word by word', () => {
  const encode = wordByWord(tokenizer);

  it('are the tokenizer’s own pieces, also around the pieces it scores 0 (":", "▁:(") and unknown characters', () => {
    const texts = [
      'my card :( is still not here',
      ':( help',
      'Thanks :) see https://help.example.com/returns at 10:00, then: press Send',
      'Here is how: open Settings > Cards: done',
      'the app says 错误 when I log in ✈️',
      'two  spaces',
      '',
    ];
    for (const text of texts) expect(encode(text), text).toEqual(tokenizer.encode(text));
  });

  it('match the tokenizer on every BANKING77 test question, but for ties between equally likely splits', () => {
    const rows = banking77('test');
    if (!rows) throw new Error('BANKING77 is missing: ../shared/datasets/banking77 (see ../shared/datasets/README.md)');
    let differ = 0;
    for (const { text } of rows) {
      const [whole, byWord] = [tokenizer.encode(text), encode(text)];
      if (whole.join() === byWord.join()) continue;
      differ++;
      // a tie: the same characters, split into pieces as likely together
      expect(piecesText(byWord)).toBe(piecesText(whole));
      expect(score(byWord)).toBeCloseTo(score(whole), 9);
    }
    expect(differ).toBeLessThanOrEqual(rows.length / 1000);
  });
});
