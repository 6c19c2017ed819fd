// Speed of the credential_process helper's fast path, in ONE run on this machine:
//  - `node -e 0` (the floor for anything written in JS),
//  - the helper exactly as written into the config by `enable-auto-login` (the launcher run the way
//    the AWS CLI runs it: execFile of the first word with the rest as arguments, no shell),
//  - `/usr/bin/aws configure export-credentials` (what the shell recipe pays on every AWS call).
// Targets: helper <= 1.3x node -e 0, and >= 6x faster than the AWS CLI. Needs `npm run build` first.
// When the native fast path was built, the launcher runs it (after its first call, on Node, wrote the
// fast-path record): bench/native-fast-path.mjs measures that; "node dist/helper.cjs" here is Node's own.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.cjs');
const AWS = process.env.BENCH_AWS_CLI || '/usr/bin/aws';
const ROUNDS = Number(process.env.BENCH_ROUNDS || 30);
const AWS_ROUNDS = Number(process.env.BENCH_AWS_ROUNDS || 10);
const SESSION = 'arn:aws:sts::123456789012:assumed-role/Admin/bench';

if (!existsSync(cli) || !existsSync(join(root, 'dist', 'helper.cjs'))) {
  console.error('bench/credential-helper: dist/ is not built. Run `npm run build` first.');
  process.exit(2);
}

// A sandbox: a profile with a live session set up by the real CLI, and a static-keys profile for the baseline.
const dir = mkdtempSync(join(tmpdir(), 'alt-bench-helper-'));
const home = join(dir, 'home');
const cacheDir = join(home, '.aws', 'login', 'cache');
mkdirSync(cacheDir, { recursive: true });
writeFileSync(join(home, '.aws', 'config'), `[profile bench]\nregion = eu-west-1\nlogin_session = ${SESSION}\n\n[profile static]\nregion = eu-west-1\n`, { mode: 0o600 });
writeFileSync(join(home, '.aws', 'credentials'), '[static]\naws_access_key_id = AKIAFAKEBENCH0000000\naws_secret_access_key = fakeBenchSecretNotReal0000000000000000000\n', { mode: 0o600 });
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
writeFileSync(join(cacheDir, createHash('sha256').update(SESSION).digest('hex') + '.json'), JSON.stringify({
  accessToken: { accessKeyId: 'ASIAFAKEBENCH', secretAccessKey: 'fakeSecret' + randomBytes(15).toString('hex'), sessionToken: 'fakeToken' + randomBytes(200).toString('base64url'), accountId: '123456789012', expiresAt: iso(Date.now() + 3600_000) },
  tokenType: 'urn:aws:params:oauth:token-type:access_token_sigv4', clientId: 'arn:aws:signin:::devtools/same-device',
  refreshToken: 'fakeRefresh' + randomBytes(24).toString('base64url'),
  dpopKey: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'pem', type: 'sec1' }),
}), { mode: 0o600 });
const env = {
  PATH: process.env.PATH ?? '', HOME: home, USERPROFILE: home, AWS_CONFIG_FILE: join(home, '.aws', 'config'),
  AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'), AWS_LOGIN_CACHE_DIRECTORY: cacheDir,
  AWS_LOGIN_TRAY_HOME: join(dir, 'app-home'),
  // The fast path must never need these: a login attempt would fail loudly.
  AWS_LOGIN_TRAY_AWS_CLI: join(dir, 'no-aws-here'),
};
execFileSync(process.execPath, [cli, 'enable-auto-login', 'bench'], { env, stdio: ['ignore', 'ignore', 'inherit'] });

// The credential_process line exactly as written, split like botocore does (double quotes group).
const config = readFileSync(env.AWS_CONFIG_FILE, 'utf8');
const line = /\[profile bench\][^[]*?credential_process = (.*)/.exec(config)?.[1]?.trim();
if (!line) throw new Error('enable-auto-login wrote no credential_process line');
const words = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
const [launcher, ...launcherArgs] = words;

const runOnce = (file, args) => {
  const t = process.hrtime.bigint();
  const out = execFileSync(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, out: out.toString() };
};
const check = (name, out) => {
  const json = JSON.parse(out);
  if (json.Version !== 1 || !json.AccessKeyId) throw new Error(`${name} printed no credentials`);
};
check('helper', runOnce(launcher, launcherArgs).out);
check('aws', runOnce(AWS, ['configure', 'export-credentials', '--profile', 'static', '--format', 'process']).out);

const cases = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'helper (launcher, as in config)': [launcher, launcherArgs],
  'helper (node dist/helper.cjs)': [process.execPath, [join(root, 'dist', 'helper.cjs'), ...launcherArgs]],
};
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < 3; i++) for (const [file, args] of Object.values(cases)) runOnce(file, args);
for (let i = 0; i < ROUNDS; i++) for (const [name, [file, args]] of Object.entries(cases)) times[name].push(runOnce(file, args).ms);
const awsName = 'aws configure export-credentials';
times[awsName] = [];
runOnce(AWS, ['configure', 'export-credentials', '--profile', 'static']);
for (let i = 0; i < AWS_ROUNDS; i++) times[awsName].push(runOnce(AWS, ['configure', 'export-credentials', '--profile', 'static', '--format', 'process']).ms);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const med = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
console.log(`credential_process line: ${line}`);
console.log(`baseline: ${AWS} ${awsName} --profile static (static fake keys: AWS CLI 2.9 cannot read login_session caches, so this measures its start-up and credential resolution, which the shell recipe pays on every call)`);
for (const [k, v] of Object.entries(med)) console.log(`  ${k.padEnd(36)} median ${v.toFixed(1).padStart(7)} ms  (${times[k].length} runs)`);
const helper = med['helper (launcher, as in config)'];
const vsNode = helper / med['node -e 0'];
const vsAws = med[awsName] / helper;
const ok1 = vsNode <= 1.3;
const ok2 = vsAws >= 6;
console.log(`helper / node -e 0 = ${vsNode.toFixed(2)}x (target <= 1.3x): ${ok1 ? 'PASS' : 'FAIL'}`);
console.log(`aws / helper       = ${vsAws.toFixed(1)}x faster (target >= 6x): ${ok2 ? 'PASS' : 'FAIL'}`);
process.exitCode = ok1 && ok2 ? 0 : 1;
