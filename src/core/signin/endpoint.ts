import type { Env } from '../ports';

/** Where Sign-In's IAM operations go, and the region their SigV4 scope names. */
export type SigninTarget = { ok: true; endpoint: string; region: string } | { ok: false; problem: string };

const truthy = (v: string | undefined): boolean => (v ?? '').trim().toLowerCase() === 'true';

/** The default Sign-In endpoint of a region (protocol.md § 1; the SDK's endpoint rules for aws, aws-cn, aws-us-gov). */
export function defaultSigninEndpoint(region: string): string {
  if (region.startsWith('cn-')) return `https://${region}.signin.amazonaws.cn`;
  if (region.startsWith('us-gov-')) return `https://${region}.signin.amazonaws-us-gov.com`;
  return `https://${region}.signin.aws.amazon.com`;
}

/**
 * Resolves the endpoint and region as the JS SDK's login refresh does: region from the cache's
 * signInRegion, then the profile's `region`, then AWS_REGION; endpoint from AWS_ENDPOINT_URL_SIGNIN,
 * then AWS_ENDPOINT_URL, then the profile's `endpoint_url` (unless configured endpoints are ignored),
 * else the region's default.
 */
export function resolveSigninTarget(env: Env, profile: Readonly<Record<string, string>>, signInRegion: string | null): SigninTarget {
  const region = signInRegion || profile.region || env.AWS_REGION || '';
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    return { ok: false, problem: region === '' ? 'the profile has no region' : `"${region}" is not a region name` };
  }
  const ignore = truthy(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) || truthy(profile.ignore_configured_endpoint_urls);
  const configured = ignore ? undefined : env.AWS_ENDPOINT_URL_SIGNIN || env.AWS_ENDPOINT_URL || profile.endpoint_url;
  const endpoint = (configured?.trim() || defaultSigninEndpoint(region)).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+(\/\S*)?$/.test(endpoint)) return { ok: false, problem: `the Sign-In endpoint "${endpoint}" is not a URL` };
  return { ok: true, endpoint, region };
}
