import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginCacheFileName } from '../../src/core/session/login-cache';
import { fastPathRecordPath } from '../../src/node/fast-path-record';
import { makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';
import { fakeDpopKey, isoSeconds } from '../support/login-cache';
import { differential, nativeBinary, nodeAnswer, prng, sanitizedNativeBinary, type Verdict } from './support';

// A fuzzed corpus (fixed seed: the same cases on every run) of login cache files and fast-path
// records. For each, the native program (as built, and built with AddressSanitizer + UBSan) must
// print exactly what the Node helper prints, or decline silently; it must never crash.
const S = 'arn:aws:sts::123456789012:assumed-role/Admin/fuzz';
const ARGS = ['--profile', 'fuzz-signin'];
const rand = prng(0x5eed_2025);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

let bins: string[];
let sb: AwsSandbox;
let cacheFile: string;
const dpopKey = fakeDpopKey();

beforeAll(async () => {
  bins = [nativeBinary(), sanitizedNativeBinary()];
  sb = makeAwsSandbox(`[profile fuzz-signin]\nregion = eu-west-1\nlogin_session = ${S}\n`);
  cacheFile = join(sb.loginCacheDir, loginCacheFileName(S));
  mkdirSync(sb.loginCacheDir, { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(baseCache()), { mode: 0o600 });
  const primed = await nodeAnswer(ARGS, sb.env);
  if (primed.code !== 0) throw new Error('the Node helper did not answer the base case');
}, 120_000);

/** A valid cache object, fresh for 10 minutes unless told otherwise. */
function baseCache(expiresAt = isoSeconds(Date.now() + 10 * 60_000)): Record<string, unknown> {
  return {
    accessToken: { accessKeyId: 'ASIAFAKEFUZZ0000', secretAccessKey: 'fakeSecretFuzz/+=', sessionToken: 'fakeToken' + 'x'.repeat(300), accountId: '123456789012', expiresAt },
    tokenType: 'urn:aws:params:oauth:token-type:access_token_sigv4',
    clientId: 'arn:aws:signin:::devtools/same-device',
    refreshToken: 'fakeRefresh',
    idToken: 'a.b.c',
    dpopKey,
  };
}

/** Odd characters for values: escapes, non-ASCII, line separators, NUL, surrogates (paired and lone). */
const ODD = ['é', 'ü', '日本', '😀', '\u2028', '\u2029', '\ufeff', '\u0000', '\u0001', '\u001f', '\u007f', '\u0080', '\u00a0', '\\', '"', '/', '\b', '\f', '\n', '\r', '\t',
  '\ud800', '\udfff', '\ud83d', '\ude00', '\ud800A', 'ＡＢ', 'ש', '\u0301', '\uffff', '\ufffd', '%s', '$(x)', "'"];

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const u4 = (code: number, upper: boolean) => '\\u' + code.toString(16).padStart(4, '0')[upper ? 'toUpperCase' : 'toLowerCase']();

/** A JSON string literal of s with each character randomly raw (where JSON allows), \uXXXX or a short escape. */
function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const ch = s[i]!;
    const isSurrogate = code >= 0xd800 && code <= 0xdfff;
    const paired = code >= 0xd800 && code <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
    const r = rand();
    if (paired && r < 0.5) {
      out += ch + s[++i]!; // raw pair (valid UTF-8 for the whole code point)
    } else if (isSurrogate || code < 0x20 || ch === '"' || ch === '\\' || r < 0.3) {
      out += SHORT[ch] && rand() < 0.5 ? SHORT[ch] : u4(code, rand() < 0.5);
    } else {
      out += ch;
    }
  }
  return out + '"';
}

const WS = [' ', '\t', '\n', '\r', ''];
const ws = () => (rand() < 0.7 ? '' : Array.from({ length: int(1, 3) }, () => pick(WS)).join(''));

/** JSON text of v with random whitespace and random string escaping. */
function render(v: unknown): string {
  if (typeof v === 'string') return jsonString(v);
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map((x) => ws() + render(x) + ws()).join(',') + ']';
  return '{' + Object.entries(v).map(([k, x]) => ws() + jsonString(k) + ws() + ':' + ws() + render(x) + ws()).join(',') + '}';
}

const WRONG = [0, 1.5, -1, true, false, null, [], {}, '', ['x'], { a: 'b' }, 'x'];
const NUMBERS = ['0', '-0', '1e5', '1E+5', '1.25e-3', '123456789012345678901234567890', '01', '1.', '.5', '+1', '-', '1e', 'NaN', 'Infinity', '0x10'];
const FIELDS = ['accessKeyId', 'secretAccessKey', 'sessionToken', 'accountId', 'expiresAt'] as const;
const TOP = ['accessToken', 'clientId', 'refreshToken', 'dpopKey', 'tokenType', 'idToken', 'signInRegion'] as const;

/** bytes is a function for cases that depend on the time they run at. */
type Case = { what: string; bytes: Buffer | (() => Buffer); mustAnswer?: boolean };

function oddValue(): string {
  return Array.from({ length: int(1, 4) }, () => (rand() < 0.5 ? pick(ODD) : 'abc')).join('');
}
const hasLoneSurrogate = (s: string) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

/** The corpus: each generator a few dozen times. */
function corpus(): Case[] {
  const cases: Case[] = [];
  const now = Date.now();
  for (let i = 0; i < 120; i++) {
    const c = baseCache() as { accessToken: Record<string, string> };
    const field = pick(['accessKeyId', 'secretAccessKey', 'sessionToken', 'accountId'] as const);
    c.accessToken[field] = oddValue();
    cases.push({ what: `odd Unicode and escapes in accessToken.${field}`, bytes: Buffer.from(render(c)), mustAnswer: !hasLoneSurrogate(c.accessToken[field]!) });
  }
  for (let i = 0; i < 40; i++) {
    const c: Record<string, unknown> = baseCache();
    if (rand() < 0.5) (c.accessToken as Record<string, unknown>)[pick(FIELDS)] = pick(WRONG);
    else c[pick(TOP)] = pick(WRONG);
    cases.push({ what: 'a field of the wrong type', bytes: Buffer.from(render(c)) });
  }
  for (let i = 0; i < 30; i++) {
    const text = JSON.stringify(baseCache());
    const at = text.indexOf(rand() < 0.5 ? '"clientId"' : '"refreshToken"');
    const extra = `"x${i}":${pick(NUMBERS)},`;
    cases.push({ what: 'an extra field holding a number (valid or not)', bytes: Buffer.from(text.slice(0, at) + extra + text.slice(at)) });
  }
  for (let i = 0; i < 10; i++) {
    const depth = pick([5, 60, 64, 65, 200]);
    const c = { ...baseCache(), deep: JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown };
    cases.push({ what: `nesting ${depth} deep in an unused field`, bytes: Buffer.from(JSON.stringify(c)) });
  }
  for (const dup of ['accessToken', 'clientId', 'unused', 'accessKeyId', 'expiresAt']) {
    const text = JSON.stringify(baseCache());
    const doubled = dup === 'accessKeyId' || dup === 'expiresAt'
      ? text.replace('"accessToken":{', `"accessToken":{"${dup}":"ASIAOTHER",`)
      : text.replace('{', `{"${dup}":${dup === 'accessToken' ? JSON.stringify(baseCache().accessToken) : '"other"'},`);
    cases.push({ what: `duplicate key ${dup}`, bytes: Buffer.from(doubled) });
  }
  const valid = Buffer.from(JSON.stringify(baseCache(), null, 2));
  for (let i = 0; i < 60; i++) cases.push({ what: 'truncated', bytes: valid.subarray(0, int(0, valid.length - 1)) });
  for (let i = 0; i < 120; i++) {
    const b = Buffer.from(valid);
    const copy: number[] = [...b];
    for (let m = int(1, 4); m > 0; m--) {
      const at = int(0, copy.length - 1);
      const r = rand();
      if (r < 0.4) copy[at] = int(0, 255);
      else if (r < 0.7) copy.splice(at, 1);
      else copy.splice(at, 0, pick([0, 0x22, 0x5c, 0x7b, 0x7d, 0x2c, 0x3a, 0xc3, 0xed, 0xf0, 0xff, 0x0a, 0x20]));
    }
    cases.push({ what: 'random byte changes', bytes: Buffer.from(copy) });
  }
  for (let i = 0; i < 25; i++) cases.push({ what: 'random bytes', bytes: Buffer.from(Array.from({ length: int(0, 3000) }, () => int(0, 255))) });
  // Invalid UTF-8 and raw NUL inside a value Node would print (Node reads U+FFFD; native must decline).
  for (const raw of [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x00], [0x1f], [0xc3, 0xa9], [0xf0, 0x9f, 0x98, 0x80], [0xe2, 0x80, 0xa8]]) {
    const text = JSON.stringify(baseCache());
    const at = text.indexOf('fakeSecretFuzz') + 4;
    cases.push({ what: `raw bytes ${raw.map((x) => x.toString(16)).join(' ')} inside a secret`, bytes: Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(raw), Buffer.from(text.slice(at))]) });
  }
  cases.push({ what: 'a BOM before the JSON', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), valid]) });
  cases.push({ what: 'a form feed as whitespace', bytes: Buffer.from(' \f' + JSON.stringify(baseCache())) });
  cases.push({ what: 'a NUL after the JSON', bytes: Buffer.concat([valid, Buffer.from([0])]) });
  cases.push({ what: 'a second value after the JSON', bytes: Buffer.from(JSON.stringify(baseCache()) + ' {}') });
  cases.push({ what: 'an array, not an object', bytes: Buffer.from(JSON.stringify([baseCache()])) });
  cases.push({ what: 'large (600 KB) but valid', bytes: Buffer.from(JSON.stringify({ ...baseCache(), pad: 'p'.repeat(600_000) })), mustAnswer: true });
  cases.push({ what: 'over 1 MiB', bytes: Buffer.from(JSON.stringify({ ...baseCache(), pad: 'p'.repeat(1_100_000) })) });
  cases.push({ what: '2 MB of spaces', bytes: Buffer.alloc(2_000_000, 0x20) });
  // Expiry times: the forms the CLI and SDKs write (native parses them) and others (it declines).
  const fresh = now + 10 * 60_000;
  const sec = isoSeconds(fresh).slice(0, 19);
  for (const [form, must] of [
    [`${sec}Z`, true], [`${sec}.1Z`, true], [`${sec}.12Z`, true], [`${sec}.123Z`, true], [`${sec}.999999Z`, true], [`${sec}.123456789Z`, true], [`${sec}+00:00`, true],
    [`${sec}.5+00:00`, true], [`${sec}.1234567891Z`, false], [`${sec}-00:00`, false], [`${sec}z`, false], [`${sec.replace('T', 't')}Z`, false], [`${sec.slice(0, 16)}Z`, false],
    [`${sec}.Z`, false], [`${sec}+0000`, false], [`${sec}+01:00`, false], [`${sec} `, false], [`${sec}`, false], ['2099-02-30T00:00:00Z', false], ['2099-12-31T24:00:00Z', false],
    ['2099-12-31T23:59:60Z', false], ['2096-02-29T00:00:00Z', true], ['2100-02-29T00:00:00Z', false], ['9999-12-31T23:59:59Z', true], ['+275760-09-13T00:00:00Z', false],
    ['soon', false], ['', false], ['2025-12-05T10:51:31Z', false], ['1970-01-01T00:00:00Z', false],
  ] as const) {
    cases.push({ what: `expiresAt ${JSON.stringify(form)}`, bytes: Buffer.from(JSON.stringify(baseCache(form))), mustAnswer: must });
  }
  // The 5-minute edge (strictly more than 300000 ms left), with a margin the two runs cannot cross.
  for (const [offset, must] of [[300_000 + 2_000, true], [300_000 - 2_000, false], [300_000 - 500, false], [300_000 + 60_000, true], [-1, false]] as const) {
    cases.push({ what: `expiry ${offset} ms from now`, bytes: () => Buffer.from(JSON.stringify(baseCache(new Date(Date.now() + offset).toISOString()))), mustAnswer: must });
    cases.push({ what: `expiry ${offset} ms from now, whole seconds`, bytes: () => Buffer.from(JSON.stringify(baseCache(isoSeconds(Date.now() + offset + (offset > 300_000 ? 1000 : 0))))), mustAnswer: must });
  }
  return cases;
}

async function check(what: string, bin: string): Promise<Verdict> {
  try {
    return await differential(bin, sb.appHome, ARGS, sb.env);
  } catch (e) {
    throw new Error(`${what} (${bin}): ${(e as Error).message}`);
  }
}

describe('native fast path: fuzzed login cache files', () => {
  it('every case: the same bytes as the Node helper or a silent decline, never a crash (plain and sanitized builds)', async () => {
    const cases = corpus();
    const answered: Record<string, number> = {};
    for (const c of cases) {
      writeFileSync(cacheFile, typeof c.bytes === 'function' ? c.bytes() : c.bytes);
      for (const bin of bins) {
        const verdict = await check(c.what, bin);
        if (c.mustAnswer) expect(verdict, c.what).toBe('answered');
        if (verdict === 'answered') answered[c.what.split(' (')[0]!] = (answered[c.what.split(' (')[0]!] ?? 0) + 1;
      }
    }
    expect(cases.length).toBeGreaterThan(450);
    expect(Object.keys(answered).length).toBeGreaterThan(15);
  }, 300_000);
});

describe('native fast path: fuzzed fast-path records', () => {
  it('every mutation of a good record: the same bytes as the Node helper or a silent decline, never a crash', async () => {
    writeFileSync(cacheFile, JSON.stringify(baseCache()));
    const recordFile = fastPathRecordPath(sb.appHome, 'fuzz-signin')!;
    await nodeAnswer(ARGS, sb.env);
    const good = readFileSync(recordFile);
    const text = good.toString('utf8');
    const lines = text.split('\n').slice(0, -1);
    const mutants: [string, Buffer][] = [];
    for (let i = 0; i < 40; i++) mutants.push(['truncated', good.subarray(0, int(0, good.length - 1))]);
    for (let i = 0; i < 80; i++) {
      const copy = [...good];
      for (let m = int(1, 3); m > 0; m--) {
        const at = int(0, copy.length - 1);
        if (rand() < 0.5) copy[at] = int(0, 255);
        else copy.splice(at, rand() < 0.5 ? 1 : 0, pick([0, 0x0a, 0x0d, 0x3d, 0x2b, 0x2d, 0x30, 0x61]));
      }
      mutants.push(['random byte changes', Buffer.from(copy)]);
    }
    for (let i = 0; i < lines.length; i++) {
      mutants.push([`line ${i} dropped`, Buffer.from(lines.filter((_, j) => j !== i).join('\n') + '\n')]);
      mutants.push([`line ${i} doubled`, Buffer.from([...lines.slice(0, i + 1), ...lines.slice(i)].join('\n') + '\n')]);
    }
    mutants.push(['CRLF line ends', Buffer.from(text.replace(/\n/g, '\r\n'))]);
    mutants.push(['no final newline', Buffer.from(text.slice(0, -1))]);
    mutants.push(['a line appended', Buffer.from(text + 'extra=1\n')]);
    mutants.push(['over 64 KiB', Buffer.from(text + '#'.repeat(70_000) + '\n')]);
    mutants.push(['another version', Buffer.from(text.replace('record 1', 'record 2'))]);
    mutants.push(['another profile', Buffer.from(text.replace('profile=fuzz-signin', 'profile=fuzz-signin2'))]);
    mutants.push(['config hash changed', Buffer.from(text.replace(/(config\.file=\d+ )(.)/, (_m, a: string, c: string) => a + (c === '0' ? '1' : '0')))]);
    mutants.push(['config size changed', Buffer.from(text.replace(/config\.file=(\d+)/, (_m, n: string) => `config.file=${Number(n) + 1}`))]);
    mutants.push(['config said missing', Buffer.from(text.replace(/config\.file=.*/, 'config.file=missing'))]);
    mutants.push(['credentials said present', Buffer.from(text.replace('credentials.file=missing', `credentials.file=0 ${'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'}`))]);
    mutants.push(['HOME said unset', Buffer.from(text.replace(/env\.HOME=.*/, 'env.HOME=-'))]);
    mutants.push(['an unset variable said set', Buffer.from(text.replace('env.HOMEDRIVE=-', 'env.HOMEDRIVE=+'))]);
    mutants.push(['an empty file', Buffer.alloc(0)]);
    mutants.push(['NUL bytes', Buffer.alloc(500, 0)]);
    let answered = 0;
    for (const [what, bytes] of mutants) {
      writeFileSync(recordFile, bytes);
      for (const bin of bins) if ((await check(`record: ${what}`, bin)) === 'answered') answered++;
    }
    // Nearly every mutation changes something the native side checks; whatever still answered was compared above.
    expect(answered).toBeLessThan(mutants.length);
    writeFileSync(recordFile, good);
    for (const bin of bins) expect(await check('the good record', bin)).toBe('answered');
    // A credentials file hashed as empty is trusted only while it really is empty.
    writeFileSync(sb.credentialsFile, '');
    await nodeAnswer(ARGS, sb.env);
    for (const bin of bins) expect(await check('an empty credentials file', bin)).toBe('answered');
  }, 300_000);

  it('records for odd profile names: punctuation, 100 bytes (the longest with a record) and 101', async () => {
    for (const [name, must] of [['Dev_Signin-2', true], ['a'.repeat(100), true], ['a'.repeat(101), false], ['x@y:z+w/v.u_t', true]] as const) {
      const box = makeAwsSandbox(`[profile ${name}]\nlogin_session = ${S}\n`);
      const file = join(box.loginCacheDir, loginCacheFileName(S));
      mkdirSync(box.loginCacheDir, { recursive: true });
      writeFileSync(file, JSON.stringify(baseCache()));
      const args = ['--profile', name];
      expect((await nodeAnswer(args, box.env)).code).toBe(0);
      for (const bin of bins) expect(await differential(bin, box.appHome, args, box.env), name).toBe(must ? 'answered' : 'declined');
    }
  });
});
