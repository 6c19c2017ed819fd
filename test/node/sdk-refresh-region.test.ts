/**
 * What the real JS SDK does with a due login token when the sign-in profile has no region (aws login
 * --region never saves one): it logs "Failed to refresh token: Error: Region is missing. Using existing
 * token until expiry." and hands the old keys back. sdkRefresh must fail, naming the missing region.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fromLoginCredentials } from '@aws-sdk/credential-provider-login';
import { sdkRefresh } from '../../src/node/sdk-refresh';
import { FAKE_SESSION, makeAwsSandbox } from '../support/fake-aws';
import { loginThroughStandIn } from '../support/signin-session';
import { startSigninStandIn, type SigninStandIn } from '../support/signin-stand-in';

const saved = { ...process.env };
let standIn: SigninStandIn | null = null;
afterEach(async () => {
  process.env = { ...saved };
  await standIn?.close();
  standIn = null;
});

async function regionlessDueLogin() {
  standIn = await startSigninStandIn();
  const sb = makeAwsSandbox(`[profile s]\nlogin_session = ${FAKE_SESSION}\n`);
  const seeded = loginThroughStandIn(standIn, sb.loginCacheDir, { sub: FAKE_SESSION, expiresAt: Date.now() + 100_000 });
  process.env.AWS_CONFIG_FILE = sb.configFile;
  process.env.AWS_SHARED_CREDENTIALS_FILE = sb.credentialsFile;
  process.env.AWS_LOGIN_CACHE_DIRECTORY = sb.loginCacheDir;
  process.env.AWS_ENDPOINT_URL_SIGNIN = standIn.url;
  delete process.env.AWS_REGION;
  delete process.env.AWS_DEFAULT_REGION;
  delete process.env.AWS_PROFILE;
  return seeded;
}

describe('a due refresh of a sign-in profile without a region', () => {
  it('the JS SDK itself only warns "Region is missing" and hands back the unrefreshed keys', async () => {
    const seeded = await regionlessDueLogin();
    const warnings: string[] = [];
    const logger = { debug: () => undefined, info: () => undefined, error: () => undefined, warn: (m: unknown) => void warnings.push(String(m)) };
    const c = await fromLoginCredentials({ profile: 's', logger })();
    expect(c.accessKeyId).toBe(seeded.accessKeyId);
    expect(warnings.join('\n')).toMatch(/^Failed to refresh token: .*Region is missing.*Using existing token until expiry\.$/m);
    expect(standIn!.calls('/v1/token')).toHaveLength(0);
  });

  it('sdkRefresh fails and says the sign-in profile has no region', async () => {
    await regionlessDueLogin();
    await expect(sdkRefresh('s', 3000)).rejects.toThrow('the sign-in profile has no region, so the SDK cannot refresh it (add `region = …` to the profile)');
  });
});
