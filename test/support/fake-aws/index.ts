import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OFFLINE_SIGNIN_URL } from '../offline';

/** Absolute path of the fake `aws` executable (point AWS_LOGIN_TRAY_AWS_CLI or awsCliPath at it). */
export const FAKE_AWS_PATH = join(__dirname, 'aws');

/** The login_session ARN the fake writes unless FAKE_AWS_SESSION says otherwise. */
export const FAKE_SESSION = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';

/** One call the fake recorded in FAKE_AWS_LOG. */
export interface FakeAwsCall {
  argv: string[];
  pid: number;
  time: number;
}

/** A throw-away HOME with its own AWS files, app home and fake-aws log. */
export interface AwsSandbox {
  root: string;
  home: string;
  configFile: string;
  credentialsFile: string;
  loginCacheDir: string;
  appHome: string;
  logFile: string;
  /** Environment for child processes: isolated HOME, AWS paths, the fake CLI and its log. */
  env: Record<string, string>;
}

/** Makes a sandbox whose config file holds `config` (e.g. "[profile dev]\nregion = eu-west-1\n"). */
export function makeAwsSandbox(config = '', extraEnv: Record<string, string> = {}): AwsSandbox {
  const root = mkdtempSync(join(tmpdir(), 'alt-fake-aws-'));
  const home = join(root, 'home');
  mkdirSync(join(home, '.aws'), { recursive: true });
  const configFile = join(home, '.aws', 'config');
  const credentialsFile = join(home, '.aws', 'credentials');
  const loginCacheDir = join(home, '.aws', 'login', 'cache');
  const appHome = join(root, 'app-home');
  const logFile = join(root, 'fake-aws.log');
  writeFileSync(configFile, config);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    USERPROFILE: home,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_LOGIN_CACHE_DIRECTORY: loginCacheDir,
    AWS_LOGIN_TRAY_HOME: appHome,
    AWS_LOGIN_TRAY_AWS_CLI: FAKE_AWS_PATH,
    FAKE_AWS_LOG: logFile,
    AWS_ENDPOINT_URL_SIGNIN: OFFLINE_SIGNIN_URL,
    // The app's Sign-In stays offline; the fake's login hosts the stand-in itself (see ./README.md).
    FAKE_AWS_SIGNIN: 'embedded',
    ...extraEnv,
  };
  return { root, home, configFile, credentialsFile, loginCacheDir, appHome, logFile, env };
}

/** Every call the fake recorded, in order. */
export function readFakeAwsLog(logFile: string): FakeAwsCall[] {
  let text: string;
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as FakeAwsCall);
}

/** The calls whose first word is `command` (e.g. 'login'). */
export function fakeAwsCalls(logFile: string, command: string): FakeAwsCall[] {
  return readFakeAwsLog(logFile).filter((c) => c.argv.find((a) => !a.startsWith('-')) === command);
}
