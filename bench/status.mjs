// Benchmark: `aws-login-tray status --json` over 1,000 login profiles and 1,000 cache files must
// take at most 3x the time of `node -e 0` on the same machine. Not a test (timings vary by
// machine); run it with `npm run bench`. BENCH_RUNS sets the runs per command (default 15).
// The target is for the usual case, a warm login-facts index (<app home>/cache/login-facts.json:
// the tray and every earlier `status` keep it warm); the cold-index time is printed for information.
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const PROFILES = 1000;
const TARGET_RATIO = 3;
const runs = Number(process.env.BENCH_RUNS ?? 15);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'aws-login-tray');

if (!existsSync(join(root, 'dist', 'cli.cjs'))) {
  console.log('dist/cli.cjs is missing: building first (node scripts/build.mjs)...');
  const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

// ---- a realistic home: 1,000 login profiles, each with a real-format cache file (fake keys) ----
const dir = mkdtempSync(join(tmpdir(), 'alt-bench-status-'));
const cacheDir = join(dir, 'cache');
mkdirSync(cacheDir);
const dpopKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'pem', type: 'sec1' });
const b64url = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
const now = Date.now();
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
let config = '';
for (let i = 0; i < PROFILES; i++) {
  const session = `arn:aws:sts::${String(100000000000 + i)}:assumed-role/Admin/user${i}`;
  config += `[profile p${i}]\nlogin_session = ${session}\nregion = eu-west-1\n\n`;
  const token = {
    accessToken: {
      accessKeyId: 'ASIAFAKE' + randomBytes(6).toString('hex').toUpperCase(),
      secretAccessKey: 'FAKEsecret' + randomBytes(15).toString('hex'),
      sessionToken: 'FAKEsession' + randomBytes(300).toString('base64'),
      accountId: String(100000000000 + i),
      expiresAt: iso(now + 10 * 60_000),
    },
    tokenType: 'urn:aws:params:oauth:token-type:access_token_sigv4',
    clientId: 'arn:aws:signin:::devtools/same-device',
    refreshToken: 'FAKErefresh' + randomBytes(96).toString('base64url'),
    // Signed in 20 minutes ago: well inside a role session's default hour, so every row is active.
    idToken: `${b64url({ alg: 'ES256', typ: 'JWT' })}.${b64url({ sub: session, iat: Math.floor(now / 1000) - 1200, auth_time: Math.floor(now / 1000) - 1200 })}.${randomBytes(64).toString('base64url')}`,
    dpopKey,
  };
  const name = createHash('sha256').update(session, 'utf8').digest('hex') + '.json';
  writeFileSync(join(cacheDir, name), JSON.stringify(token, null, 2), { mode: 0o600 });
}
writeFileSync(join(dir, 'config'), config);
const env = {
  PATH: process.env.PATH ?? '',
  HOME: dir,
  AWS_CONFIG_FILE: join(dir, 'config'),
  AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
  AWS_LOGIN_CACHE_DIRECTORY: cacheDir,
  AWS_LOGIN_TRAY_HOME: join(dir, 'app'),
};
const indexFile = join(dir, 'app', 'cache', 'login-facts.json');

// Real cache files are minutes old (a refresh every 15 min at most); the index trusts only files
// last changed more than 3 s before (SETTLE_MS in src/core/session/facts-index.ts), so wait that out.
await sleep(3_500);

// ---- check the command really does the work before timing it ----
const check = spawnSync(process.execPath, [bin, 'status', '--json'], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const profiles = check.status === 0 ? JSON.parse(check.stdout).profiles : [];
if (profiles.length !== PROFILES || profiles.some((p) => p.state !== 'active')) {
  console.error(`status --json did not report ${PROFILES} active profiles (exit ${check.status}; states: ${JSON.stringify([...new Set(profiles.map((p) => p.state))])}): ${check.stderr.trim()}`);
  process.exit(1);
}

// ---- alternate the two commands so drift (thermal, other load) hits both alike ----
const time = (args, before) => {
  before?.();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return ms;
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const baseline = [];
const status = [];
const cold = [];
const dropIndex = () => rmSync(indexFile, { force: true });
time(['-e', '0']); // warm the OS file cache for both
time([bin, 'status', '--json']); // ...and the login-facts index, as the tray and earlier runs do
if (!existsSync(indexFile)) {
  console.error(`the first status run did not write the login-facts index (${indexFile})`);
  process.exit(1);
}
for (let i = 0; i < runs; i++) {
  baseline.push(time(['-e', '0']));
  status.push(time([bin, 'status', '--json']));
}
for (let i = 0; i < runs; i++) cold.push(time([bin, 'status', '--json'], dropIndex));
if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
else console.log(`kept ${dir}`);

const b = median(baseline);
const s = median(status);
const ratio = s / b;
const c = median(cold);
console.log(`status --json, ${PROFILES} profiles + ${PROFILES} cache files, ${runs} runs each (median)`);
console.log(`  node -e 0                     ${b.toFixed(1)} ms`);
console.log(`  status --json, warm index     ${s.toFixed(1)} ms  <- measured against the target`);
console.log(`  ratio                         ${ratio.toFixed(2)}x (target <= ${TARGET_RATIO}x): ${ratio <= TARGET_RATIO ? 'OK' : 'OVER TARGET'}`);
console.log(`  status --json, cold index     ${c.toFixed(1)} ms  (${(c / b).toFixed(2)}x; index deleted before each run, for information)`);
process.exitCode = ratio <= TARGET_RATIO ? 0 : 1;
