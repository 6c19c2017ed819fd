// Takes the README screenshots of the window: starts the preview (bundled into a temp folder, so
// dist/ is left alone) against a demo AWS config with sessions made by the fake `aws`, then saves
// light and dark PNGs (360x600 at 2x: the window, Settings, and a login in progress with its URL)
// into docs/screenshots/. Usage: node scripts/screenshot.mjs
import { execFileSync, spawn } from 'node:child_process';
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fakeAws = join(root, 'test/support/fake-aws/aws');
const outDir = join(root, 'docs/screenshots');
const work = mkdtempSync(join(tmpdir(), 'alt-screenshots-'));
const home = join(work, 'home');
const HOUR = 3600;

const arn = (account, role, user) => `arn:aws:sts::${account}:assumed-role/${role}/${user}`;
const sessions = {
  dev: arn('123456789012', 'Developer', 'alice'),
  prod: arn('210987654321', 'Admin', 'alice'),
  staging: arn('345678901234', 'Developer', 'alice'),
  signin: arn('456789012345', 'PowerUser', 'alice'),
};
const config = `[profile dev]
region = eu-west-1
login_session = ${sessions.dev}

[profile prod]
region = us-east-1
login_session = ${sessions.prod}

[profile staging]
region = eu-central-1
login_session = ${sessions.staging}

[profile data-lake]
credential_process = aws-login-tray credential-process --profile data-lake-signin
region = ap-northeast-1

[profile data-lake-signin]
region = ap-northeast-1
login_session = ${sessions.signin}

[profile corp]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = ReadOnly
region = us-west-2

[sso-session corp]
sso_start_url = https://example.awsapps.com/start
sso_region = us-west-2
`;
const credentials = '[legacy-ci]\naws_access_key_id = AKIAFAKEEXAMPLEKEY00\naws_secret_access_key = fakeSecretForScreenshotsOnly\n';

const loginStarts = {};
const env = {
  PATH: process.env.PATH ?? '',
  HOME: home,
  AWS_CONFIG_FILE: join(home, '.aws/config'),
  AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws/credentials'),
  AWS_LOGIN_CACHE_DIRECTORY: join(home, '.aws/login/cache'),
  AWS_LOGIN_TRAY_HOME: join(work, 'app-home'),
  AWS_LOGIN_TRAY_AWS_CLI: fakeAws,
  // No Sign-In here: a closed loopback port, so the preview's session checks fail at once, offline.
  AWS_ENDPOINT_URL_SIGNIN: 'http://127.0.0.1:1',
};

/** Signs a profile in with the fake `aws`, as if the session began `startedAgo` seconds ago; returns the start (epoch s). */
function fakeLogin(profile, session, startedAgo, tokenTtl) {
  const authTime = String(Math.floor(Date.now() / 1000) - startedAgo);
  loginStarts[profile] = Number(authTime);
  // The fake logs in through a Sign-In stand-in of its own (FAKE_AWS_SIGNIN=embedded), as the real CLI would.
  execFileSync(fakeAws, ['login', '--profile', profile], {
    env: { ...env, FAKE_AWS_SIGNIN: 'embedded', FAKE_AWS_SESSION: session, FAKE_AWS_TOKEN_TTL_SECONDS: String(tokenTtl) },
    stdio: 'ignore',
  });
  // Date the session back: a real idToken's `iat` is the sign-in time.
  const file = join(env.AWS_LOGIN_CACHE_DIRECTORY, `${createHash('sha256').update(session).digest('hex')}.json`);
  const cache = JSON.parse(readFileSync(file, 'utf8'));
  const [head, payload, sig] = cache.idToken.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), iat: Number(authTime) };
  cache.idToken = [head, Buffer.from(JSON.stringify(claims)).toString('base64url'), sig].join('.');
  writeFileSync(file, JSON.stringify(cache), { mode: 0o600 });
}

async function main() {
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(env.AWS_CONFIG_FILE, config);
  writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, credentials);
  fakeLogin('dev', sessions.dev, 2 * HOUR + 1260, 840);
  fakeLogin('prod', sessions.prod, 11 * HOUR + 50 * 60, 610);
  fakeLogin('data-lake-signin', sessions.signin, 3 * HOUR, 460);
  // What an earlier introspection told the app about dev's session (exact end, 8 h); the others stay estimates.
  mkdirSync(join(env.AWS_LOGIN_TRAY_HOME, 'state'), { recursive: true, mode: 0o700 });
  const devStart = loginStarts.dev * 1000;
  writeFileSync(join(env.AWS_LOGIN_TRAY_HOME, 'state', 'sessions.json'), JSON.stringify({
    version: 1,
    sessions: { [sessions.dev]: { check: { startedAt: devStart, checkedAt: Date.now() - 60_000, active: true, exp: devStart + 8 * HOUR * 1000 }, learnedLengthMs: 8 * HOUR * 1000 } },
  }), { mode: 0o600 });
  // Session lengths set in Settings for the role sessions whose duration the user knows.
  writeFileSync(join(env.AWS_LOGIN_TRAY_HOME, 'settings.json'), JSON.stringify({ maxSessionHours: { prod: 12, 'data-lake': 4 } }), { mode: 0o600 });

  const dist = join(work, 'dist');
  // The real build, into a private folder (never races `npm run build` emptying dist/).
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--outdir', dist], { stdio: ['ignore', 'ignore', 'inherit'] });

  // The preview's own logins wait in the browser step (the fake prints the URL, then waits), for the login shot.
  const preview = spawn(process.execPath, [join(dist, 'preview.cjs'), '--port', '0'], { env: { ...env, FAKE_AWS_MODE: 'hang' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    preview.stdout.on('data', (c) => {
      out += c;
      const m = /http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+/.exec(out);
      if (m) resolve(m[0]);
    });
    preview.on('exit', (code) => reject(new Error(`The preview exited (${code}) before printing its URL.`)));
  });

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  mkdirSync(outDir, { recursive: true });
  try {
    for (const scheme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: { width: 360, height: 600 }, deviceScaleFactor: 2, colorScheme: scheme });
      await page.goto(url);
      await page.locator('.list').waitFor();
      await page.screenshot({ path: join(outDir, `window-${scheme}.png`) });
      await page.getByRole('button', { name: 'Log in to staging' }).click();
      await page.locator('.login-url').waitFor();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(outDir, `login-${scheme}.png`) });
      await page.getByRole('button', { name: 'Cancel the login to staging' }).click();
      await page.locator('.login-progress').waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.locator('form.settings').waitFor();
      await page.screenshot({ path: join(outDir, `settings-${scheme}.png`) });
      await page.close();
    }
  } finally {
    await browser.close();
    preview.kill('SIGINT');
    rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(`Saved screenshots to ${outDir}\n`);
}

await main();
