// The native fast path of the credential_process helper, in ONE run on this machine:
//  - whole-process time of the credential_process line exactly as written into the config (the
//    launcher, which runs dist/native/credential-process first) vs `node -e 0`, the Node helper
//    (node dist/helper.cjs) and `/usr/bin/aws configure export-credentials` (as bench/credential-helper.mjs);
//  - peak memory (max RSS, /usr/bin/time -f %M) of each;
//  - boto3 per API call against a loopback STS look-alike (127.0.0.1, answers GetCallerIdentity),
//    through the helper vs static keys: botocore re-runs credential_process on every call when the
//    credentials expire within 15 minutes, which aws login credentials always do.
// Targets: fast path median <= 5 ms and <= 0.1x node -e 0; peak RSS <= 5 MB; boto3 overhead <= 5 ms/call.
// Needs `npm run build` (with a C compiler) first.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const native = join(dist, 'native', 'credential-process');
const AWS = process.env.BENCH_AWS_CLI || '/usr/bin/aws';
const ROUNDS = Number(process.env.BENCH_ROUNDS || 40);
const AWS_ROUNDS = Number(process.env.BENCH_AWS_ROUNDS || 8);
const BOTO_CALLS = Number(process.env.BENCH_BOTO_CALLS || 40);
const SESSION = 'arn:aws:sts::123456789012:assumed-role/Admin/bench';

for (const f of ['cli.cjs', 'helper.cjs']) {
  if (!existsSync(join(dist, f))) {
    console.error('bench/native-fast-path: dist/ is not built. Run `npm run build` first.');
    process.exit(2);
  }
}
if (!existsSync(native)) {
  console.error('bench/native-fast-path: dist/native/credential-process is missing (no C compiler at build time?). Install cc/gcc and run `npm run build`.');
  process.exit(2);
}

// A sandbox: an auto-login profile whose token has 14 minutes left (fresh for us, "expiring" for
// botocore, so it runs the helper on every call), and a static-keys profile for the baselines.
const dir = mkdtempSync(join(tmpdir(), 'alt-bench-native-'));
const home = join(dir, 'home');
const cacheDir = join(home, '.aws', 'login', 'cache');
mkdirSync(cacheDir, { recursive: true });
const env = {
  PATH: process.env.PATH ?? '', HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config'),
  AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'), AWS_LOGIN_CACHE_DIRECTORY: cacheDir,
  AWS_LOGIN_TRAY_HOME: join(dir, 'app-home'), AWS_LOGIN_TRAY_AWS_CLI: join(dir, 'no-aws-here'),
  AWS_EC2_METADATA_DISABLED: 'true',
};
writeFileSync(env.AWS_CONFIG_FILE, `[profile bench]\nregion = eu-west-1\n\n[profile bench-signin]\nregion = eu-west-1\nlogin_session = ${SESSION}\n\n[profile static]\nregion = eu-west-1\n`, { mode: 0o600 });
writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, '[static]\naws_access_key_id = AKIAFAKEBENCH0000000\naws_secret_access_key = fakeBenchSecretNotReal0000000000000000000\n', { mode: 0o600 });
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
writeFileSync(join(cacheDir, createHash('sha256').update(SESSION).digest('hex') + '.json'), JSON.stringify({
  accessToken: { accessKeyId: 'ASIAFAKEBENCH', secretAccessKey: 'fakeSecret' + randomBytes(15).toString('hex'), sessionToken: 'fakeToken' + randomBytes(600).toString('base64url'), accountId: '123456789012', expiresAt: iso(Date.now() + 14 * 60_000) },
  tokenType: 'urn:aws:params:oauth:token-type:access_token_sigv4', clientId: 'arn:aws:signin:::devtools/same-device',
  refreshToken: 'fakeRefresh' + randomBytes(24).toString('base64url'),
  dpopKey: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'pem', type: 'sec1' }),
}), { mode: 0o600 });
execFileSync(process.execPath, [join(dist, 'cli.cjs'), 'enable-auto-login', 'bench', '--signin-profile', 'bench-signin'], { env, stdio: ['ignore', 'ignore', 'inherit'] });

const config = readFileSync(env.AWS_CONFIG_FILE, 'utf8');
const line = /\[profile bench\][^[]*?credential_process = (.*)/.exec(config)?.[1]?.trim();
if (!line) throw new Error('enable-auto-login wrote no credential_process line');
const [launcher, ...launcherArgs] = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
if (!readFileSync(launcher, 'utf8').includes(native)) throw new Error(`the launcher ${launcher} does not run ${native}`);
const appHome = env.AWS_LOGIN_TRAY_HOME;

const runOnce = (file, args) => {
  const t = process.hrtime.bigint();
  const out = execFileSync(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, out: out.toString() };
};
// The first call runs on Node and writes the fast-path record; from then on the native program answers.
const viaNode = runOnce(launcher, launcherArgs).out;
const nativeDirect = [native, ['--app-home', appHome, '--', ...launcherArgs]];
if (runOnce(...nativeDirect).out !== viaNode) throw new Error('the native program did not answer exactly as Node');
if (runOnce(launcher, launcherArgs).out !== viaNode) throw new Error('the launcher did not answer exactly as Node');

const cases = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'fast path (launcher, as in config)': [launcher, launcherArgs],
  'native program alone': nativeDirect,
  'Node helper (node dist/helper.cjs)': [process.execPath, [join(dist, 'helper.cjs'), ...launcherArgs]],
};
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < 3; i++) for (const [file, args] of Object.values(cases)) runOnce(file, args);
for (let i = 0; i < ROUNDS; i++) for (const [name, [file, args]] of Object.entries(cases)) times[name].push(runOnce(file, args).ms);
const awsName = 'aws configure export-credentials';
const awsArgs = ['configure', 'export-credentials', '--profile', 'static', '--format', 'process'];
times[awsName] = [];
runOnce(AWS, awsArgs);
for (let i = 0; i < AWS_ROUNDS; i++) times[awsName].push(runOnce(AWS, awsArgs).ms);

// Peak memory: max resident set size of each, as GNU time reports it (KB).
const peakKb = (file, args) => {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', file, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`/usr/bin/time ${file} failed: ${r.stderr}`);
  return Number(r.stderr.toString().trim().split('\n').pop());
};
const rss = {};
for (const [name, [file, args]] of Object.entries({ ...cases, [awsName]: [AWS, awsArgs] })) rss[name] = Math.max(...[0, 1, 2].map(() => peakKb(file, args)));

// boto3 against a loopback STS look-alike.
const xml = '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:sts::123456789012:assumed-role/Admin/bench</Arn><UserId>AROAFAKEBENCH:bench</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>';
let stsCalls = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    stsCalls++;
    res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml) });
    res.end(xml);
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${server.address().port}`;
const botoScript = join(dir, 'boto-bench.py');
writeFileSync(botoScript, `
import json, sys, time, boto3
profile, calls, endpoint = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sts = boto3.Session(profile_name=profile).client('sts', region_name='eu-west-1', endpoint_url=endpoint)
sts.get_caller_identity()  # warm-up: first credential load, connection
per = []
for _ in range(calls):
    t = time.perf_counter()
    sts.get_caller_identity()
    per.append((time.perf_counter() - t) * 1000)
per.sort()
print(json.dumps({'median': per[len(per) // 2]}))
`);
const run = promisify(execFile);
const boto = async (profile) => JSON.parse((await run('/usr/bin/python3', [botoScript, profile, String(BOTO_CALLS), endpoint], { env })).stdout).median;
const botoNative = [], botoStatic = [];
for (let i = 0; i < 3; i++) {
  botoNative.push(await boto('bench'));
  botoStatic.push(await boto('static'));
}
server.close();

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const med = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
console.log(`credential_process line: ${line}`);
console.log(`baseline: ${AWS} ${awsName} --profile static (AWS CLI 2.9 cannot read login_session caches; as in bench/credential-helper.mjs)`);
for (const [k, v] of Object.entries(med)) console.log(`  ${k.padEnd(36)} median ${v.toFixed(2).padStart(8)} ms  peak RSS ${(rss[k] / 1024).toFixed(1).padStart(6)} MB  (${times[k].length} runs)`);
const fast = med['fast path (launcher, as in config)'];
const node0 = med['node -e 0'];
const overhead = median(botoNative) - median(botoStatic);
console.log(`fast path / node -e 0      = ${(fast / node0).toFixed(3)}x`);
console.log(`fast path / Node helper    = ${(fast / med['Node helper (node dist/helper.cjs)']).toFixed(3)}x`);
console.log(`aws / fast path            = ${(med[awsName] / fast).toFixed(0)}x faster`);
console.log(`boto3 per call: through the helper ${median(botoNative).toFixed(2)} ms, static keys ${median(botoStatic).toFixed(2)} ms, overhead ${overhead.toFixed(2)} ms (${BOTO_CALLS} calls x 3 runs each; loopback STS answered ${stsCalls})`);
const peak = Math.max(rss['fast path (launcher, as in config)'], rss['native program alone']) / 1024;
const checks = [
  [`fast path median ${fast.toFixed(2)} ms <= 5 ms`, fast <= 5],
  [`fast path <= 0.1x node -e 0`, fast / node0 <= 0.1],
  [`fast path peak RSS ${peak.toFixed(1)} MB <= 5 MB`, peak <= 5],
  [`boto3 overhead ${overhead.toFixed(2)} ms/call <= 5 ms`, overhead <= 5],
];
for (const [what, ok] of checks) console.log(`${what}: ${ok ? 'PASS' : 'FAIL'}`);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
