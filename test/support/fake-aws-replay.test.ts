/**
 * Replays every recorded run of the real AWS CLI (../shared/aws-cli/<version>/<scenario>.json) through the fake
 * `aws`, against the Sign-In stand-in in the recorded mode, and compares stdout, stderr, exit code, the config
 * and credentials after, the cache files (bytes, names, modes, inodes), the Sign-In requests and the URL the
 * browser got, modulo the placeholders the recordings' README names.
 */
import { spawn } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAKE_AWS_PATH } from './fake-aws';
import { dpopThumbprint, SigninStandIn } from './signin-stand-in';

const RECORDINGS = join(__dirname, '..', '..', '..', 'shared', 'aws-cli');
const FALLBACK = '/work/shared/aws-cli';
const ROOT = existsSync(RECORDINGS) ? RECORDINGS : FALLBACK;

interface Recording {
  version: string;
  scenario: string;
  argv: string[];
  env: Record<string, string>;
  stdin: null | { kind: 'pipe'; data: string };
  stdinNote: string;
  signinStandIn: { mode: string; sub: string; expiresIn: number };
  signinStandInKnobs: Record<string, string>;
  configBefore: string | null;
  configAfter: string | null;
  configFileModeAfter: string | null;
  configInodeKept: boolean | null;
  credentialsBefore: string | null;
  credentialsAfter: string | null;
  cacheDir: string;
  cacheFilesBeforeRaw: Record<string, string>;
  cacheFilesAfterRaw: Record<string, string>;
  cacheDirMode: string | null;
  cacheFileMode: Record<string, string>;
  cacheFileInodeKept: Record<string, boolean>;
  stdout: string;
  stderr: string;
  exitCode: number;
  signinRequests: {
    method: string; path: string; grantType?: string; bodyKeys?: string[]; hasDPoP?: boolean; headerNames?: string[]; contentType?: string;
    userAgent?: string; rawBody?: string; dpop?: { headerKeyOrder: string[]; payloadKeyOrder: string[]; jwtHeaderJsonIsCompact: boolean };
  }[];
  browserOpened: string[];
  placeholders: Record<string, unknown>;
  setup: { argv?: string[]; action?: string }[];
}

function recordings(): { file: string; rec: Recording }[] {
  const all: { file: string; rec: Recording }[] = [];
  for (const version of readdirSync(ROOT).filter((d) => /^\d+\.\d+\.\d+$/.test(d)).sort()) {
    for (const name of readdirSync(join(ROOT, version)).filter((f) => f.endsWith('.json')).sort()) {
      all.push({ file: `${version}/${name}`, rec: JSON.parse(readFileSync(join(ROOT, version, name), 'utf8')) as Recording });
    }
  }
  return all;
}

const ALL = recordings();
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** "+199 s from the recorded command's start" → 199. */
function offsetSeconds(rec: Recording, placeholder: string): number {
  const text = JSON.stringify(rec.placeholders[placeholder] ?? '');
  const m = /([+-]\d+) s from the recorded command's start/.exec(text);
  return m ? Number(m[1]) : 900;
}

function pemEscaped(pem: string): string {
  return JSON.stringify(pem).slice(1, -1);
}

/** Writes the recorded "before" cache files, with real values the stand-in issued in the recorded order. */
function stageCache(rec: Recording, standIn: SigninStandIn, cacheDir: string, start: number): Map<string, number> {
  const pemNumbers = new Map<string, number>();
  const files = Object.entries(rec.cacheFilesBeforeRaw);
  // A setup login made the folder (umask default), even when a later step removed its file.
  if (rec.setup.some((s) => s.argv?.[1] === 'login')) mkdirSync(cacheDir, { recursive: true, mode: 0o755 });
  if (files.length === 0) return pemNumbers;
  const numbers = [...new Set(files.flatMap(([, raw]) => [...raw.matchAll(/<ACCESS_KEY_ID_(\d+)>/g)].map((m) => Number(m[1]))))].sort((a, b) => a - b);
  const values = new Map<number, Record<string, string>>();
  for (const n of numbers) {
    const id = rec.placeholders[`<ID_TOKEN_${n}>`] as { payload?: { sub?: string } } | undefined;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const s = standIn.issueSession({ sub: id?.payload?.sub ?? standIn.sub, dpopJwk: publicKey.export({ format: 'jwk' }) as Record<string, unknown> });
    const pem = privateKey.export({ format: 'pem', type: 'sec1' }).toString();
    pemNumbers.set(pem, n);
    values.set(n, {
      ACCESS_KEY_ID: s.accessKeyId, SECRET_ACCESS_KEY: s.secretAccessKey, SESSION_TOKEN: s.sessionToken, REFRESH_TOKEN: s.refreshToken,
      ID_TOKEN: s.idToken, DPOP_KEY_PEM: pemEscaped(pem),
      EXPIRES_AT: new Date(start + offsetSeconds(rec, `<EXPIRES_AT_${n}>`) * 1000).toISOString().replace(/\.\d{3}Z$/, ''),
    });
  }
  for (const [name, raw] of files) {
    const text = raw.replace(/<([A-Z_]+)_(\d+)>/g, (all, key: string, n: string) => values.get(Number(n))?.[key] ?? all);
    writeFileSync(join(cacheDir, name), text, { mode: 0o600 });
  }
  return pemNumbers;
}

/** Replaces what varies between runs with the recordings' placeholders. */
function normalizer(rec: Recording, home: string, standIn: SigninStandIn, pemNumbers: Map<string, number>) {
  let state = '';
  let challenge = '';
  let callbackPort = '';
  return {
    learnUrl(stdout: string): void {
      const m = /\/v1\/authorize\?\S*/.exec(stdout);
      if (!m) return;
      const q = new URL(`http://x${m[0]}`).searchParams;
      state = q.get('state') ?? '';
      challenge = q.get('code_challenge') ?? '';
      callbackPort = /^http:\/\/127\.0\.0\.1:(\d+)\/oauth\/callback$/.exec(q.get('redirect_uri') ?? '')?.[1] ?? '';
    },
    apply(text: string): string {
      let t = text.split(home).join('$HOME');
      if (state) t = t.split(state).join('<STATE>');
      if (challenge) t = t.split(challenge).join('<CODE_CHALLENGE>');
      if (callbackPort) t = t.split(`127.0.0.1%3A${callbackPort}`).join('127.0.0.1%3A<CALLBACK_PORT>').split(`127.0.0.1:${callbackPort}/`).join('127.0.0.1:<CALLBACK_PORT>/');
      t = t.split(`127.0.0.1:${standIn.port}`).join('127.0.0.1:$SIGNIN_PORT').split(`127.0.0.1%3A${standIn.port}`).join('127.0.0.1%3A$SIGNIN_PORT');
      t = t.replace(/\bASIAFAKE(\d{4})\b/g, (_, n: string) => `<ACCESS_KEY_ID_${Number(n)}>`)
        .replace(/"secret(\d+)"/g, '"<SECRET_ACCESS_KEY_$1>"').replace(/"session(\d+)"/g, '"<SESSION_TOKEN_$1>"').replace(/"refresh(\d+)"/g, '"<REFRESH_TOKEN_$1>"');
      t = t.replace(/"(-----BEGIN EC PRIVATE KEY-----\\n[^"]*)"/g, (all, escaped: string) => {
        const pem = JSON.parse(`"${escaped}"`) as string;
        const lines = pem.split('\n');
        expect(lines.slice(1, 4).map((l) => l.length), 'dpopKey PEM layout').toEqual([64, 64, 36]);
        let n = pemNumbers.get(pem);
        if (n === undefined) {
          const jkt = dpopThumbprint(createPublicKey(createPrivateKey(pem)).export({ format: 'jwk' }) as Record<string, unknown>);
          n = standIn.issued.find((i) => i.jkt === jkt)?.n;
        }
        return n === undefined ? all : `"<DPOP_KEY_PEM_${n}>"`;
      });
      // An idToken: the one issued with the access key just before it, else (a refreshed file keeps its login's) the first like it.
      const tokens = standIn.issued.filter((i) => i.idToken);
      t = t.replace(/"idToken": "([^"<]+)"/g, (all, value: string, offset: number) => {
        const before = [...t.slice(0, offset).matchAll(/<ACCESS_KEY_ID_(\d+)>/g)].pop();
        const hit = tokens.find((i) => before && i.n === Number(before[1]) && i.idToken === value) ?? tokens.find((i) => i.idToken === value);
        return hit ? `"idToken": "<ID_TOKEN_${hit.n}>"` : all;
      });
      t = renumberExpiries(t);
      return t;
    },
  };
}

/**
 * An expiry belongs to the access key named just before it (cache files and export-credentials output). The
 * recordings gave two equal expiries one placeholder (README: logins in the same second), so both sides are renumbered.
 */
function renumberExpiries(text: string): string {
  return text.replace(/(?:<EXPIRES_AT_\d+>|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?=Z\\?"|\+00:00\\?")/g, (iso, offset: number) => {
    const before = [...text.slice(0, offset).matchAll(/<ACCESS_KEY_ID_(\d+)>/g)].pop();
    return before ? `<EXPIRES_AT_${before[1]}>` : iso;
  });
}

/** A User-Agent with the recordings' placeholders (kernel release, session id) and its feature letters as a set. */
function userAgentShape(ua: string | undefined): string | undefined {
  return ua
    ?.replace(/ os\/linux#\S+/, ' os/linux#<KERNEL_RELEASE>')
    .replace(/ sid\/\S+/, ' sid/<SID>')
    .replace(/ m\/(\S+)/, (_m, letters: string) => ` m/{${letters.split(',').sort().join(',')}}`);
}

/** A token call's raw body with each string value but clientId and grantType blanked: key order, spacing and the fixed values stay. */
function bodyShape(raw: string | undefined): string | undefined {
  return raw?.replace(/"(\w+)": "((?:[^"\\]|\\.)*)"/g, (all, key: string) => (key === 'clientId' || key === 'grantType' ? all : `"${key}": "<V>"`));
}

function modeOf(p: string): string | null {
  return existsSync(p) ? (statSync(p).mode & 0o777).toString(8).padStart(4, '0') : null;
}

async function replay(rec: Recording) {
  const root = mkdtempSync(join(tmpdir(), 'alt-replay-'));
  roots.push(root);
  const home = join(root, 'home');
  mkdirSync(home, { recursive: true });
  const standIn = await new SigninStandIn({ naming: 'recorded', sub: rec.signinStandIn.sub, expiresIn: rec.signinStandIn.expiresIn }).start();
  try {
    const start = Date.now();
    const sub = (s: string) => s.split('$HOME').join(home);
    const cacheDir = sub(rec.cacheDir);
    if (rec.configBefore !== null) {
      mkdirSync(join(home, '.aws'), { recursive: true });
      writeFileSync(join(home, '.aws', 'config'), rec.configBefore);
      chmodSync(join(home, '.aws', 'config'), 0o644);
    }
    if (rec.credentialsBefore !== null) writeFileSync(join(home, '.aws', 'credentials'), rec.credentialsBefore);
    const pemNumbers = stageCache(rec, standIn, cacheDir, start);
    const inodes = new Map<string, number>();
    for (const name of Object.keys(rec.cacheFilesBeforeRaw)) inodes.set(name, statSync(join(cacheDir, name)).ino);
    const configInode = rec.configBefore !== null ? statSync(join(home, '.aws', 'config')).ino : null;
    standIn.applyRecordedMode(rec.signinStandIn.mode, rec.signinStandInKnobs);

    const browserLog = join(root, 'browser.log');
    const browser = join(root, 'browser');
    // The recordings' BROWSER stand-in: log the URL, curl -L it in the background, exit 0 at once.
    writeFileSync(browser, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${browserLog}'\n(curl -s -L "$1" >/dev/null 2>&1 &)\nexit 0\n`, { mode: 0o755 });
    const extra = Object.fromEntries(Object.entries(rec.env).filter(([k]) => !['HOME', 'BROWSER', 'AWS_EC2_METADATA_DISABLED'].includes(k))
      .map(([k, v]) => [k, sub(v.split('http://127.0.0.1:$SIGNIN_PORT').join(standIn.url))]));
    const env = { PATH: '/usr/bin:/bin', HOME: home, AWS_EC2_METADATA_DISABLED: 'true', BROWSER: browser, FAKE_AWS_VERSION: rec.version, ...extra };
    const norm = normalizer(rec, home, standIn, pemNumbers);

    const child = spawn(process.execPath, [FAKE_AWS_PATH, ...rec.argv.slice(1)], { cwd: home, env, stdio: [rec.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const afterUrl = rec.stdin !== null && /only after the authorize URL appeared/.test(rec.stdinNote);
    let typed = false;
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
      if (afterUrl && !typed && /Enter the authorization code displayed in your browser: $/.test(stdout)) {
        typed = true;
        norm.learnUrl(stdout);
        const q = new URL(`http://x${/\/v1\/authorize\?\S*/.exec(stdout)![0]}`).searchParams;
        let data = rec.stdin!.data;
        if (data.includes('<REMOTE_VERIFICATION_CODE>')) {
          standIn.issueCode('authcode-remote', q.get('redirect_uri')!, q.get('code_challenge'));
          data = data.replace('<REMOTE_VERIFICATION_CODE>', Buffer.from(`code=authcode-remote&state=${q.get('state')}`).toString('base64'));
        }
        child.stdin!.end(data);
      }
    });
    child.stderr!.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    if (rec.stdin && !afterUrl) child.stdin!.end(rec.stdin.data);
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    clearTimeout(timer);
    if (afterUrl && !typed) child.stdin?.destroy();
    norm.learnUrl(stdout);

    const label = `${rec.version}/${rec.scenario}`;
    expect({ exitCode, stdout: norm.apply(stdout), stderr: norm.apply(stderr) }, label)
      .toEqual({ exitCode: rec.exitCode, stdout: renumberExpiries(rec.stdout), stderr: rec.stderr });
    const configPath = join(home, '.aws', 'config');
    expect(existsSync(configPath) ? readFileSync(configPath, 'utf8') : null, `${label} config`).toBe(rec.configAfter);
    expect(modeOf(configPath), `${label} config mode`).toBe(rec.configFileModeAfter);
    if (configInode !== null && rec.configInodeKept !== null) expect(statSync(configPath).ino === configInode, `${label} config inode`).toBe(rec.configInodeKept);
    const credPath = join(home, '.aws', 'credentials');
    expect(existsSync(credPath) ? readFileSync(credPath, 'utf8') : null, `${label} credentials`).toBe(rec.credentialsAfter);

    const after: Record<string, string> = {};
    const modes: Record<string, string> = {};
    for (const name of existsSync(cacheDir) ? readdirSync(cacheDir).sort() : []) {
      after[name] = norm.apply(readFileSync(join(cacheDir, name), 'utf8'));
      modes[name] = modeOf(join(cacheDir, name))!;
    }
    const expectedFiles = Object.fromEntries(Object.entries(rec.cacheFilesAfterRaw).map(([k, v]) => [k, renumberExpiries(v)]));
    expect(after, `${label} cache files`).toEqual(expectedFiles);
    expect(modes, `${label} cache file modes`).toEqual(rec.cacheFileMode);
    const umask = process.umask();
    const expectedDirMode = rec.cacheDirMode === null ? null : (Number.parseInt(rec.cacheDirMode, 8) === 0o755 ? (0o777 & ~umask) : Number.parseInt(rec.cacheDirMode, 8)).toString(8).padStart(4, '0');
    expect(modeOf(cacheDir), `${label} cache dir mode`).toBe(expectedDirMode);
    for (const [name, kept] of Object.entries(rec.cacheFileInodeKept)) {
      if (existsSync(join(cacheDir, name))) expect(statSync(join(cacheDir, name)).ino === inodes.get(name), `${label} inode of ${name}`).toBe(kept);
    }
    for (const [name, raw] of Object.entries(rec.cacheFilesAfterRaw)) {
      const id = /"idToken": "<ID_TOKEN_(\d+)>"/.exec(raw);
      const issued = id ? standIn.issued.find((i) => i.n === Number(id[1])) : undefined;
      if (issued?.idToken) {
        const payload = JSON.parse(Buffer.from(issued.idToken.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
        expect(Object.keys(payload), `${label} idToken claims of ${name}`).toEqual(['sub', 'iat', 'exp']);
      }
    }

    const requests = standIn.requests.map((r) => ({
      method: r.method, path: r.path,
      ...(r.method === 'POST' ? {
        grantType: r.grantType, bodyKeys: r.bodyKeys, hasDPoP: r.hasDPoP, headerNames: r.headerNames, contentType: r.contentType,
        userAgent: userAgentShape(r.userAgent), rawBody: bodyShape(r.rawBody), dpop: r.dpopShape,
      } : {}),
    }));
    const recorded = rec.signinRequests.map((r) => ({
      method: r.method, path: r.path,
      ...(r.method === 'POST' ? {
        grantType: r.grantType, bodyKeys: r.bodyKeys, hasDPoP: r.hasDPoP, headerNames: r.headerNames, contentType: r.contentType,
        userAgent: userAgentShape(r.userAgent), rawBody: bodyShape(r.rawBody),
        dpop: r.dpop && { headerKeyOrder: r.dpop.headerKeyOrder, payloadKeyOrder: r.dpop.payloadKeyOrder, jwtHeaderJsonIsCompact: r.dpop.jwtHeaderJsonIsCompact },
      } : {}),
    }));
    expect(requests, `${label} Sign-In requests`).toEqual(recorded);
    const opened = existsSync(browserLog) ? readFileSync(browserLog, 'utf8').split('\n').filter(Boolean).map((u) => norm.apply(u)) : [];
    expect(opened, `${label} browser`).toEqual(rec.browserOpened);
  } finally {
    await standIn.close();
  }
}

describe('the fake aws replays every recorded run of the real AWS CLI', () => {
  it('covers all 357 recordings', () => {
    expect(ALL).toHaveLength(357);
  });
  for (const { file, rec } of ALL) {
    it.concurrent(file, async () => {
      await replay(rec);
    }, 60_000);
  }
});

