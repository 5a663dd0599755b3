import { join } from 'node:path';
import { openDatabase, type DB } from '../../src/main/core/db/open';
import { egressFetch, withEgress } from '../../src/main/core/privacy/egress';
import type { EgressRole } from '../../src/shared/domain/privacy';
import { tempDir } from './temp';

/**
 * The engine's guarded fetch, declared as `role` against a workspace of its own: for tests
 * that drive a client directly, outside the job or handler that would declare it.
 */
export function guardedFetch(role: EgressRole, db: DB = openDatabase(join(tempDir(), 'egress.db'), { create: true })): typeof fetch {
  return (input, init) => withEgress({ db, role, purpose: 'test' }, () => egressFetch(input, init));
}
