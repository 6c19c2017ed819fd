import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FileSignature } from '../../../src/core/ports';
import {
  emptyFactsIndex,
  FACTS_INDEX_VERSION,
  hasSettled,
  parseFactsIndex,
  serialiseFactsIndex,
  SETTLE_MS,
  startFactsRun,
  type FactsIndex,
  type IndexedRead,
} from '../../../src/core/session/facts-index';

const T = Date.UTC(2025, 11, 5, 10, 0, 0);
const DIR = '/home/alice/.aws/login/cache';
const sig = (over: Partial<FileSignature> = {}): FileSignature => ({ size: 3000, mtimeMs: T, ctimeMs: T, ino: 42, takenAtMs: T + SETTLE_MS + 1, ...over });
const ok: IndexedRead = {
  kind: 'ok',
  facts: { accountId: '111122223333', accessTokenExpiresAt: T + 900_000, idTokenClaims: { sub: 'arn:aws:sts::111122223333:assumed-role/Admin/alice', authTime: T - 3_600_000, iat: T - 3_600_000 } },
};
const broken: IndexedRead = { kind: 'error', message: `${DIR}/b.json: is not valid JSON.` };

/** An index that already knows a.json (ok) and b.json (broken), saved and reloaded. */
function known(): FactsIndex {
  const index = emptyFactsIndex();
  const run = startFactsRun(index, DIR);
  run.record('a.json', sig(), ok);
  run.record('b.json', sig({ ino: 43 }), broken);
  run.finish();
  return parseFactsIndex(serialiseFactsIndex(index));
}

describe('hasSettled', () => {
  it('trusts a file only once its last change is more than SETTLE_MS before the stat', () => {
    expect(hasSettled(sig({ takenAtMs: T + SETTLE_MS }))).toBe(false);
    expect(hasSettled(sig({ takenAtMs: T + SETTLE_MS + 1 }))).toBe(true);
    // ctime (set by the kernel on every change) counts, even when mtime was set back with utimes.
    expect(hasSettled(sig({ mtimeMs: T - 86_400_000, takenAtMs: T + 10 }))).toBe(false);
    // An mtime in the future never settles.
    expect(hasSettled(sig({ mtimeMs: T + 86_400_000, takenAtMs: T + 60_000 }))).toBe(false);
  });
});

describe('startFactsRun', () => {
  it('answers from the index only while size, mtime, ctime and inode all match', () => {
    const index = known();
    const run = startFactsRun(index, DIR);
    expect(run.lookup('a.json', sig({ takenAtMs: T + 999_999 }))).toEqual(ok);
    expect(run.lookup('b.json', sig({ ino: 43 }))).toEqual(broken);
    for (const changed of [{ size: 3001 }, { mtimeMs: T + 0.001 }, { ctimeMs: T + 1 }, { ino: 7 }]) {
      expect(startFactsRun(known(), DIR).lookup('a.json', sig(changed))).toBeUndefined();
    }
    expect(run.lookup('c.json', sig())).toBeUndefined();
    run.finish();
    expect(index.changed).toBe(false);
  });

  it('does not index a file changed within SETTLE_MS of its stat, and forgets what it knew of it', () => {
    const index = known();
    const run = startFactsRun(index, DIR);
    run.record('a.json', sig({ ctimeMs: T + 5, takenAtMs: T + 6 }), ok);
    run.record('new.json', sig({ takenAtMs: T + 1 }), ok);
    run.lookup('b.json', sig({ ino: 43 }));
    run.finish();
    expect(Object.keys(index.entries)).toEqual(['b.json']);
    expect(index.changed).toBe(true);
  });

  it('forgets a file that is gone or could not be read (an I/O error says nothing about its content)', () => {
    const index = known();
    const run = startFactsRun(index, DIR);
    run.record('a.json', null, null);
    run.record('b.json', sig({ ino: 43 }), null);
    run.finish();
    expect(Object.keys(index.entries)).toEqual([]);
    expect(index.changed).toBe(true);
  });

  it('prunes entries the run did not visit', () => {
    const index = known();
    const run = startFactsRun(index, DIR);
    expect(run.lookup('a.json', sig())).toEqual(ok);
    run.finish();
    expect(Object.keys(index.entries)).toEqual(['a.json']);
    expect(index.changed).toBe(true);
  });

  it('starts from empty for another cache folder', () => {
    const index = known();
    const run = startFactsRun(index, '/elsewhere');
    expect(run.lookup('a.json', sig())).toBeUndefined();
    run.finish();
    expect(index).toMatchObject({ dir: '/elsewhere', changed: true });
    expect(Object.keys(index.entries)).toEqual([]);
  });
});

describe('FactsRun.fileName', () => {
  const hex = (c: string) => c.repeat(64) + '.json';

  it('hashes a login_session once, then answers from the index (saved and reloaded), dropping sessions no longer used', () => {
    const hashed: string[] = [];
    const hash = (session: string) => {
      hashed.push(session);
      return hex(session === 'one' ? 'a' : 'b');
    };
    const index = emptyFactsIndex();
    let run = startFactsRun(index, DIR);
    expect([run.fileName('one', hash), run.fileName('two', hash)]).toEqual([hex('a'), hex('b')]);
    run.finish();
    expect(index.changed).toBe(true);
    const reloaded = parseFactsIndex(serialiseFactsIndex(index));
    run = startFactsRun(reloaded, DIR);
    expect(run.fileName('one', hash)).toBe(hex('a'));
    run.finish();
    expect(hashed).toEqual(['one', 'two']);
    expect(Object.keys(reloaded.names)).toEqual(['one']);
    expect(reloaded.changed).toBe(true);
  });

  it('hashes again when the stored name is not 64 hex digits + .json (never a path from a bad index)', () => {
    const good = JSON.parse(serialiseFactsIndex(known())) as Record<string, unknown>;
    const names = { ok: hex('c'), short: 'abc.json', up: '../../../etc/' + hex('d'), upper: hex('C'), num: 5 };
    const index = parseFactsIndex(JSON.stringify({ ...good, names }));
    const run = startFactsRun(index, DIR);
    const got = Object.keys(names).map((session) => run.fileName(session, () => hex('e')));
    expect(got).toEqual([hex('c'), hex('e'), hex('e'), hex('e'), hex('e')]);
    expect(index.changed).toBe(true);
  });
});

describe('serialiseFactsIndex / parseFactsIndex', () => {
  it('round-trips, versioned, with only the facts (no field of the cache file besides them)', () => {
    const index = known();
    expect(index.changed).toBe(false);
    expect(index.dir).toBe(DIR);
    const run = startFactsRun(index, DIR);
    expect(run.lookup('a.json', sig())).toEqual(ok);
    expect(run.lookup('b.json', sig({ ino: 43 }))).toEqual(broken);
    const stored = JSON.parse(serialiseFactsIndex(index)) as { version: number; entries: Record<string, Record<string, unknown>> };
    expect(stored.version).toBe(FACTS_INDEX_VERSION);
    expect(Object.keys(stored.entries['a.json']!)).toEqual(['signature', 'accountId', 'accessTokenExpiresAt', 'idTokenClaims']);
    expect(Object.keys(stored.entries['b.json']!)).toEqual(['signature', 'error']);
  });

  it('round-trips any facts', () => {
    const time = fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: null });
    const facts = fc.record({
      accountId: fc.string(),
      accessTokenExpiresAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
      idTokenClaims: fc.option(fc.record({ sub: fc.option(fc.string(), { nil: null }), authTime: time, iat: time }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(fc.string({ minLength: 1 }), fc.constant('__proto__')), facts), (all) => {
        const index = emptyFactsIndex();
        const run = startFactsRun(index, DIR);
        for (const [name, f] of Object.entries(all)) run.record(name, sig(), { kind: 'ok', facts: f });
        const back = parseFactsIndex(serialiseFactsIndex(index));
        expect(back.changed).toBe(false);
        expect(Object.keys(back.entries).sort()).toEqual(Object.keys(all).sort());
        const again = startFactsRun(back, DIR);
        for (const [name, f] of Object.entries(all)) expect(again.lookup(name, sig())).toEqual({ kind: 'ok', facts: f });
      }),
    );
  });

  it('ignores a corrupt index or one of another version, and marks it for replacing', () => {
    const good = JSON.parse(serialiseFactsIndex(known())) as Record<string, unknown>;
    for (const text of ['', '{', 'null', '[]', '"x"', JSON.stringify({ ...good, version: FACTS_INDEX_VERSION - 1 }), JSON.stringify({ ...good, dir: 1 }), JSON.stringify({ ...good, entries: [] }), JSON.stringify({ ...good, names: null })]) {
      const index = parseFactsIndex(text);
      expect(Object.keys(index.entries)).toEqual([]);
      expect(index.changed).toBe(true);
    }
    expect(parseFactsIndex(null)).toMatchObject({ dir: '', changed: false });
  });

  it('ignores a malformed entry (a miss: the file is read again and the entry replaced) and keeps the rest', () => {
    const good = JSON.parse(serialiseFactsIndex(known())) as { entries: Record<string, Record<string, unknown>> };
    const a = good.entries['a.json']!;
    const bad = [{}, { ...a, signature: 5 }, { ...a, signature: [3000, T, T] }, { ...a, signature: [3000, T, T, '42'] }, { ...a, accountId: null }, { ...a, accessTokenExpiresAt: 'soon' }, { ...a, idTokenClaims: { sub: 1 } }, { ...a, idTokenClaims: { sub: null, authTime: 'x', iat: null } }, { ...a, idTokenClaims: 'x' }, 7, null];
    const index = parseFactsIndex(JSON.stringify({ ...good, entries: { ...good.entries, ...Object.fromEntries(bad.map((v, i) => [`bad${i}.json`, v])) } }));
    const run = startFactsRun(index, DIR);
    for (let i = 0; i < bad.length; i++) expect(run.lookup(`bad${i}.json`, sig())).toBeUndefined();
    expect(run.lookup('a.json', sig())).toEqual(ok);
    // status follows each miss with a fresh read: recorded when settled, else forgotten.
    run.record('bad0.json', sig(), ok);
    for (let i = 1; i < bad.length; i++) run.record(`bad${i}.json`, sig({ takenAtMs: T }), ok);
    run.finish();
    expect(Object.keys(index.entries).sort()).toEqual(['a.json', 'bad0.json']);
    expect(startFactsRun(index, DIR).lookup('bad0.json', sig())).toEqual(ok);
  });

  it('keeps "__proto__" and "constructor" as plain keys', () => {
    const index = emptyFactsIndex();
    const run = startFactsRun(index, DIR);
    for (const name of ['__proto__', 'constructor']) run.record(name, sig(), ok);
    const back = parseFactsIndex(serialiseFactsIndex(index));
    const again = startFactsRun(back, DIR);
    expect(again.lookup('__proto__', sig())).toEqual(ok);
    expect(again.lookup('constructor', sig())).toEqual(ok);
    expect(again.lookup('toString', sig())).toBeUndefined();
    expect(again.fileName('hasOwnProperty', () => 'f'.repeat(64) + '.json')).toBe('f'.repeat(64) + '.json');
  });
});
