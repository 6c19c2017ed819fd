import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { loginCacheFileName } from '../../src/core/session/login-cache';

/** The fixed seed of every fuzz run: a failure prints its path, and the same seed replays it. */
export const FUZZ_SEED = 20_261_201;

/** Times as files hold them, nonsense included: 1e20 (the reported crash), negatives, floats, strings. */
export const wildNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(1e20, -1, 0, 1.5, 8.64e15, 8.64e12, Number.MAX_SAFE_INTEGER, 1_764_900_000, 1_764_900_000_000, 4_102_444_800, 7_258_118_400, '1764900000', null, true),
  fc.integer({ min: -2_000_000_000, max: 20_000_000_000 }),
  fc.double({ noNaN: true }),
);

const wildIso: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')) },
  fc.constantFrom('2025-12-05T10:51:31Z', '+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00Z', '9999-12-31T23:59:59Z', '1969-12-31T23:59:59Z', '2025-13-45T99:99:99Z', '', 'soon', '1e20'),
  fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 }).map((ms) => new Date(ms).toISOString()),
  wildNumber,
);

const b64url = (v: unknown): string => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** An idToken: well-formed with wild claims, or broken in some way. */
export const wildIdToken: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ sub: fc.oneof(fc.string(), wildNumber), auth_time: wildNumber, iat: wildNumber }, { requiredKeys: [] }).map((claims) => `e30.${b64url(claims)}.c2ln`),
  fc.constantFrom('a.b', 'a..c', '...', 'e30.!!!.x', `e30.${b64url('[1,2]')}.x`, `e30.${b64url('null')}.x`, `e30.${b64url('{"auth_time":1e400}')}.x`),
  fc.string(),
  wildNumber,
);

/** Mostly `good`, sometimes something wild, sometimes absent (undefined: JSON.stringify drops it). */
const mostly = <T>(good: fc.Arbitrary<T>, wild: fc.Arbitrary<unknown> = fc.anything()): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 30, arbitrary: good }, { weight: 1, arbitrary: wild }, { weight: 1, arbitrary: fc.constant(undefined) });

/** A login cache file's text: near-valid with wild fields (times above all), or plain garbage. */
export const wildCacheText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.record({
    accessToken: mostly(fc.record({
      accessKeyId: mostly(fc.constant('ASIAFAKEFAKEFAKEFAKE')),
      secretAccessKey: mostly(fc.constant('FAKEsecret')),
      sessionToken: mostly(fc.constant('FAKEsession')),
      accountId: mostly(fc.constant('123456789012'), fc.string()),
      expiresAt: wildIso,
    })),
    clientId: mostly(fc.constant('arn:aws:signin:::devtools/same-device')),
    refreshToken: mostly(fc.constant('FAKErefresh')),
    dpopKey: mostly(fc.constant('FAKEdpop')),
    idToken: wildIdToken,
    signInRegion: mostly(fc.constant('eu-west-1')),
  }).map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: fc.oneof(fc.string(), fc.constantFrom('', '{', 'null', '[]', '{"accessToken":', '\u0000\u0001')) },
);

const PROFILE_NAMES = ['dev', 'dev-signin', 'prod', 'default', 'a.b', 'x y', '-bad', 'ünï'];
const KEYS = ['login_session', 'region', 'credential_process', 'role_arn', 'source_profile', 'sso_session', 'aws_access_key_id', 'aws_secret_access_key', 'output', 's3', 'bad key!'];
export const SESSIONS = ['arn:aws:sts::123456789012:assumed-role/Admin/alice', 'arn:aws:iam::111122223333:user/bob', 'not-an-arn', ''];

const value: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SESSIONS),
  fc.constantFrom('eu-west-1', '/home/u/.config/aws-login-tray/bin/aws-login-tray-credential-process --profile dev-signin', 'aws configure export-credentials --profile dev-signin', "sh -c 'aws configure export-credentials --profile dev-signin'", 'arn:aws:iam::1:role/r', 'dev'),
  fc.string({ maxLength: 40 }),
);

const line: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(' = ', '=', ' =', '= '), value).map(([k, s, v]) => `${k}${s}${v}`) },
  { weight: 1, arbitrary: fc.constantFrom('# comment', '; comment', '', '   ', '  continued', '  sub = value', '=', 'no equals', '[', ']', '[profile]', '[ profile  dev ]') },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

const header: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PROFILE_NAMES).map((n) => (n === 'default' ? '[default]' : `[profile ${n}]`)),
  fc.constantFrom('[sso-session corp]', '[services s]', '[plain]', '[profile default]', '[ default ]', '[profile dev] # c', '[profile dev'),
);

/** An AWS config or credentials file: sections of wild lines, any line ending, maybe a BOM. */
export const wildIni: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.tuple(header, fc.array(line, { maxLength: 6 })), { maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.array(line, { maxLength: 2 }))
  .map(([sections, eol, bom, preamble]) => (bom ? '\uFEFF' : '') + [...preamble, ...sections.flatMap(([h, ls]) => [h, ...ls])].join(eol));

/** A JSON state or settings file: valid JSON of any shape, near-valid records of wild numbers, or garbage. */
export const wildJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.dictionary(fc.oneof(fc.constantFrom(...SESSIONS, '__proto__', 'constructor', 'dev-signin'), fc.string()), wildNumber).map((v) => JSON.stringify(v)),
  fc.record({
    warningLeadMinutes: fc.oneof(fc.array(wildNumber), wildNumber),
    defaultMaxSessionHours: wildNumber,
    maxSessionHours: fc.dictionary(fc.constantFrom(...PROFILE_NAMES), wildNumber),
    awsCliPath: fc.oneof(fc.constant(null), fc.string(), fc.constant('/usr/bin/aws')),
    loginTimeoutSeconds: wildNumber,
    mutedProfiles: fc.oneof(fc.array(fc.string()), wildNumber),
  }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.oneof(fc.string(), fc.constantFrom('', '{', '{"version":2,"dir":"/x","names":{},"entries":{"a":{"signature":[1,2,3,4],"accountId":"1","accessTokenExpiresAt":1e20,"idTokenClaims":null}}}')),
);

/** One generated machine: AWS files, cache files for the sessions it names, the app's own files. */
export interface WildHome {
  config: string;
  credentials: string | null;
  caches: Record<string, string>;
  settings: string | null;
  recordedLogins: string | null;
  factsIndex: string | null;
  loginResults: string | null;
}

/** A `key = value` line the SDKs accept, with a wild value. */
const cleanLine: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...KEYS.filter((k) => /^\w+$/.test(k))), fc.oneof(value, fc.string({ maxLength: 30 })).map((v) => v.replace(/[\r\n]/g, ' ').trim()))
  .map(([k, v]) => `${k} = ${v}`);

/** A config the SDKs accept (well-formed sections and lines), with wild values. */
const cleanIni: fc.Arbitrary<string> = fc
  .array(fc.tuple(header.filter((h) => h.endsWith(']')), fc.array(cleanLine, { maxLength: 6 })), { maxLength: 6 })
  .map((sections) => sections.flatMap(([h, ls]) => [h, ...ls]).join('\n') + '\n');

/** A config that starts with login and auto-login profiles on the known sessions, then anything (mostly well-formed). */
const wildConfig: fc.Arbitrary<string> = fc
  .tuple(fc.subarray(SESSIONS.filter(Boolean)), fc.boolean(), fc.oneof({ weight: 4, arbitrary: cleanIni }, { weight: 1, arbitrary: wildIni }))
  .map(([sessions, autoLogin, rest]) =>
    [
      ...sessions.map((session, i) => `[profile login${i}]\nregion = eu-west-1\nlogin_session = ${session}\n`),
      autoLogin && sessions.length > 0 ? '[profile auto]\ncredential_process = /x/bin/aws-login-tray-credential-process --profile login0\n' : '',
      rest,
    ].join('\n'),
  );

export const wildHome: fc.Arbitrary<WildHome> = fc.record({
  config: wildConfig,
  credentials: fc.option(fc.oneof({ weight: 4, arbitrary: cleanIni }, { weight: 1, arbitrary: wildIni }), { nil: null, freq: 2 }),
  caches: fc.record(Object.fromEntries(SESSIONS.filter(Boolean).map((k) => [k, wildCacheText])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>,
  settings: fc.option(wildJsonText, { nil: null }),
  recordedLogins: fc.option(wildJsonText, { nil: null }),
  factsIndex: fc.option(wildJsonText, { nil: null }),
  loginResults: fc.option(wildJsonText, { nil: null }),
});

/** Writes a generated home into a fresh temp folder; returns the env that points the CLI at it. */
export function writeWildHome(h: WildHome, root = mkdtempSync(join(tmpdir(), 'alt-fuzz-'))): Record<string, string> {
  const home = join(root, 'home');
  const cacheDir = join(home, '.aws', 'login', 'cache');
  const appHome = join(root, 'app');
  mkdirSync(cacheDir, { recursive: true });
  mkdirSync(join(appHome, 'state'), { recursive: true });
  mkdirSync(join(appHome, 'cache'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), h.config);
  if (h.credentials !== null) writeFileSync(join(home, '.aws', 'credentials'), h.credentials);
  for (const [session, text] of Object.entries(h.caches)) writeFileSync(join(cacheDir, loginCacheFileName(session)), text);
  if (h.settings !== null) writeFileSync(join(appHome, 'settings.json'), h.settings);
  if (h.recordedLogins !== null) writeFileSync(join(appHome, 'state', 'recorded-logins.json'), h.recordedLogins);
  if (h.loginResults !== null) writeFileSync(join(appHome, 'state', 'login-results.json'), h.loginResults);
  if (h.factsIndex !== null) writeFileSync(join(appHome, 'cache', 'login-facts.json'), h.factsIndex);
  return {
    HOME: home,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_LOGIN_CACHE_DIRECTORY: cacheDir,
    AWS_LOGIN_TRAY_HOME: appHome,
    AWS_LOGIN_TRAY_AWS_CLI: join(root, 'no-aws-here'),
  };
}
