import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/open';
import { VectorStore } from '../../src/main/core/search/vectors';
import { tempDir } from '../helpers/temp';

describe('a vector store opened from two connections at once', () => {
  it('gets one table for the model, and neither side fails (an indexing job and a learning run starting together)', () => {
    const file = join(tempDir(), 'workspace.db');
    const a = openDatabase(file, { create: true });
    const b = openDatabase(file);
    const find = VectorStore.find;
    let raced = false;
    // the other connection creates the store between this one's look-up and its write
    VectorStore.find = (db, model) => {
      if (db === a && !raced) {
        raced = true;
        VectorStore.open(b, model, 16);
        return null;
      }
      return find(db, model);
    };
    try {
      const store = VectorStore.open(a, 'static-encoder', 16);
      expect(raced).toBe(true);
      expect(store.info.table).toBe(VectorStore.find(b, 'static-encoder')!.table);
      expect(a.prepare(`SELECT count(*) FROM vector_models WHERE model = 'static-encoder'`).pluck().get()).toBe(1);
    } finally {
      VectorStore.find = find;
      a.close();
      b.close();
    }
  });
});
