/**
 * A loopback stand-in of AWS Sign-In for tests, following ../shared/aws-cli/protocol.md:
 * - GET /v1/authorize: 302 to redirect_uri?code=…&state=… (protocol.md § 2);
 * - POST …/v1/token (CreateOAuth2Token, both grants): verifies each DPoP proof (ES256 by the JWK in its
 *   header; htm, htu, fresh iat, unique jti) and that a refresh token is used with the key it was issued
 *   to; refresh tokens rotate (a used one is refused); answers and errors as recorded (§ 4);
 * - POST …/v1/introspect and …/v1/revoke (…WithIAM, source-only in protocol.md): verify a SigV4
 *   signature (service `signin`) made with credentials this stand-in issued, by an implementation of
 *   our own (not the signer under test); introspect answers RFC 7662 claims, `{"active": false}` for
 *   an expired, revoked or unknown token; revoke ends the whole chain, 200 with an empty body.
 * Recorded error modes (protocol.md § 2 and § 4, the `signinStandIn` / `signinStandInKnobs` of each record):
 * `deny`, `authCodeError` / `refreshError` (`code-<ERR>` / `refresh-<ERR>`), `errorStatus`, `errorType`
 * ('none' drops the x-amzn-ErrorType header), `bodyType` (a `__type` in the body), `redirectState`,
 * `omitIdToken`; `applyRecordedMode()` sets them from a record. `naming: 'recorded'` issues the values the
 * recordings' placeholders stand for (ASIAFAKE0001/secret1/session1/refresh1, idToken signature `sig`).
 * Not recorded, and marked so: what the real service answers to a reused refresh token, a wrong DPoP
 * key, a bad signature, and a principal without signin:IntrospectOAuth2Token (shapes follow AWS's
 * usual JSON errors).
 */
import { createHash, createHmac, createPublicKey, randomBytes, randomUUID, timingSafeEqual, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInRequest {
  method: string;
  path: string;
  query: string;
  /** For token calls: the grant. */
  grantType?: string;
  /** For introspect/revoke: the token sent (compare, never print). */
  token?: string;
  /** Status answered (0 while hanging). */
  status: number;
  /** For token calls: the JSON body's keys in the order sent. */
  bodyKeys?: string[];
  /** For token calls: a DPoP header was sent. */
  hasDPoP?: boolean;
  /** For token calls: the header names in the order sent (the recordings' headerNames). */
  headerNames?: string[];
  userAgent?: string;
  contentType?: string;
  /** For token calls: the body as sent (compare its shape; never print: it holds codes and tokens). */
  rawBody?: string;
  /** For token calls: the DPoP proof's JWT header and payload key order, and whether its header JSON is compact. */
  dpopShape?: { headerKeyOrder: string[]; payloadKeyOrder: string[]; jwtHeaderJsonIsCompact: boolean };
}

/** The key order and compactness of a DPoP proof's JWT parts (no values: they are per run). */
function dpopShapeOf(proof: unknown): StandInRequest['dpopShape'] {
  if (typeof proof !== 'string') return undefined;
  try {
    const [h, p] = proof.split('.').slice(0, 2).map((part) => Buffer.from(part, 'base64url').toString('utf8'));
    return { headerKeyOrder: Object.keys(JSON.parse(h!) as object), payloadKeyOrder: Object.keys(JSON.parse(p!) as object), jwtHeaderJsonIsCompact: !/[:,] /.test(h!) };
  } catch {
    return undefined;
  }
}

/** One successful token answer, numbered like the recordings' placeholders (<ACCESS_KEY_ID_n> …). */
export interface IssuedRecord {
  n: number;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  refreshToken: string;
  idToken: string | null;
  /** Thumbprint of the DPoP key the chain is bound to. */
  jkt: string | null;
}

/** One login's chain of refresh tokens. */
interface Chain {
  sub: string;
  clientId: string;
  startedAt: number;
  endsAt: number;
  /** JWK thumbprint of the DPoP key the chain is bound to. */
  jkt: string | null;
  current: string;
  used: Set<string>;
  revoked: boolean;
}

interface Issued {
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: number;
  chain: Chain;
}

export type StandInFault = 'hang' | 'http500' | { delayMs: number };

export interface StandInOptions {
  /** Region the SigV4 credential scope must name (the region the client resolved). Default us-east-1. */
  region?: string;
  /** Length of sessions made by /v1/token's authorization_code grant (default 12 h). */
  sessionSeconds?: number;
  /** The idToken `sub` for logins (default an assumed-role ARN). */
  sub?: string;
  /** expiresIn of each token answer (default 900, the model's maximum). */
  expiresIn?: number;
  /** 'recorded': the values the recordings name (ASIAFAKE0001, secret1, …); default: random-looking ones. */
  naming?: 'standin' | 'recorded';
  now?: () => number;
}

/** Python's json.dumps with default separators, as the recorded stand-in wrote its idTokens. */
function pyJsonText(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)}: ${pyJsonText(x)}`).join(', ')}}`;
}

/** A JWK thumbprint (RFC 7638) of a P-256 public key. */
export function dpopThumbprint(jwk: Record<string, unknown>): string {
  return jwkThumbprint(jwk);
}

export interface IssuedSession {
  /** The token response body of the authorization_code grant (CreateOAuth2Token). */
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  refreshToken: string;
  idToken: string;
  expiresIn: number;
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');
const sha256hex = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding as SigV4 wants it (only A-Z a-z 0-9 - _ . ~ kept). */
function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function jwkThumbprint(jwk: Record<string, unknown>): string {
  return b64url(createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })).digest());
}

export class SigninStandIn {
  readonly requests: StandInRequest[] = [];
  /** Principals (sub ARNs) refused by introspect with AccessDeniedException. */
  readonly introspectDenied = new Set<string>();
  /** Per path suffix ('/v1/token', '/v1/introspect', '/v1/revoke'): a fault to apply. */
  readonly faults = new Map<string, StandInFault>();
  /** A refresh_token grant answers this error code (e.g. TOKEN_EXPIRED), as recorded. */
  refreshError: string | null = null;
  /** The authorization_code grant answers this error code (AUTHCODE_EXPIRED, INSUFFICIENT_PERMISSIONS, …), as recorded. */
  authCodeError: string | null = null;
  /** HTTP status of those error answers (default 400; recorded: 403, 429, 500). */
  errorStatus: number | null = null;
  /** x-amzn-ErrorType of those answers (default AccessDeniedException); 'none' sends no header (recorded). */
  errorType: string | null = null;
  /** Puts `"__type": <bodyType>` into the error body (recorded: with errorType 'none'). */
  bodyType: string | null = null;
  /** GET /v1/authorize answers redirect_uri?error=access_denied (recorded `deny`). */
  deny = false;
  /** The authorize redirect carries this state instead of the one sent (recorded `redirect_state`). */
  redirectState: string | null = null;
  /** The authorization_code answer has no idToken (recorded `omit_idtoken`). */
  omitIdToken = false;
  expiresIn: number;
  /** Every successful token answer, in order. */
  readonly issued: IssuedRecord[] = [];
  private readonly naming: 'standin' | 'recorded';
  private readonly chains = new Map<string, Chain>();
  private readonly keys = new Map<string, Issued>();
  private readonly jtis = new Set<string>();
  private readonly codes = new Map<string, { challenge: string | null; redirectUri: string }>();
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private readonly hanging = new Set<ServerResponse>();
  private counter = 0;
  port = 0;
  readonly region: string;
  sessionSeconds: number;
  sub: string;
  private readonly now: () => number;

  constructor(opts: StandInOptions = {}) {
    this.region = opts.region ?? 'us-east-1';
    this.sessionSeconds = opts.sessionSeconds ?? 12 * 3600;
    this.sub = opts.sub ?? 'arn:aws:sts::123456789012:assumed-role/Admin/alice';
    this.expiresIn = opts.expiresIn ?? 900;
    this.naming = opts.naming ?? 'standin';
    this.now = opts.now ?? (() => Date.now());
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** AWS_ENDPOINT_URL_SIGNIN for clients. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Calls made to a path ending in `suffix`. */
  calls(suffix: string): StandInRequest[] {
    return this.requests.filter((r) => r.path.endsWith(suffix));
  }

  /**
   * A session as an authorization_code grant would make it, without a browser: the token response,
   * bound to `dpopJwk` (the public JWK of the cache's dpopKey) like a real login's.
   */
  issueSession(opts: { sub?: string; sessionSeconds?: number; startedAt?: number; dpopJwk: Record<string, unknown>; clientId?: string }): IssuedSession {
    const startedAt = opts.startedAt ?? this.now();
    const chain: Chain = {
      sub: opts.sub ?? this.sub,
      clientId: opts.clientId ?? 'arn:aws:signin:::devtools/same-device',
      startedAt,
      endsAt: startedAt + (opts.sessionSeconds ?? this.sessionSeconds) * 1000,
      jkt: jwkThumbprint(opts.dpopJwk),
      current: '',
      used: new Set(),
      revoked: false,
    };
    return this.mint(chain, true) as unknown as IssuedSession;
  }

  /**
   * Sets the recorded mode (`ok`, `deny`, `code-<ERR>`, `refresh-<ERR>`) and knobs (`status`, `errortype`,
   * `body_type`, `redirect_state`, `omit_idtoken`) of a record's `signinStandIn` / `signinStandInKnobs`.
   */
  applyRecordedMode(mode: string, knobs: Record<string, string> = {}): void {
    this.deny = mode === 'deny';
    this.authCodeError = mode.startsWith('code-') ? mode.slice('code-'.length) : null;
    this.refreshError = mode.startsWith('refresh-') ? mode.slice('refresh-'.length) : null;
    this.errorStatus = knobs.status ? Number(knobs.status) : null;
    this.errorType = knobs.errortype ?? null;
    this.bodyType = knobs.body_type ?? null;
    this.redirectState = knobs.redirect_state ?? null;
    this.omitIdToken = knobs.omit_idtoken === '1';
  }

  /**
   * Makes `code` redeemable, as the cross-device page does when it shows the user a code to type
   * (recorded login-remote: the code was the literal `authcode-remote`).
   */
  issueCode(code: string, redirectUri: string, codeChallenge: string | null): void {
    this.codes.set(code, { challenge: codeChallenge, redirectUri });
  }

  /** The chain a refresh token belongs to (current or already rotated), for assertions. */
  chainOf(refreshToken: string): { revoked: boolean; current: boolean; endsAt: number } | null {
    const chain = this.chains.get(refreshToken);
    return chain ? { revoked: chain.revoked, current: chain.current === refreshToken, endsAt: chain.endsAt } : null;
  }

  private mint(chain: Chain, withIdToken: boolean): Record<string, unknown> {
    const n = ++this.counter;
    const recorded = this.naming === 'recorded';
    const accessKeyId = recorded ? `ASIAFAKE${String(n).padStart(4, '0')}` : `ASIASTANDIN${String(n).padStart(9, '0')}`;
    const secretAccessKey = recorded ? `secret${n}` : `standin-secret-${randomBytes(12).toString('hex')}`;
    const sessionToken = recorded ? `session${n}` : `standin-session-${randomBytes(24).toString('base64url')}`;
    const refreshToken = recorded ? `refresh${n}` : `ASOR${randomBytes(24).toString('base64url')}`;
    if (chain.current) chain.used.add(chain.current);
    chain.current = refreshToken;
    this.chains.set(refreshToken, chain);
    this.keys.set(accessKeyId, { secretAccessKey, sessionToken, expiresAt: this.now() + 900_000, chain });
    const body: Record<string, unknown> = {
      accessKeyId, secretAccessKey, sessionToken, refreshToken, expiresIn: this.expiresIn,
    };
    if (withIdToken) {
      // Recorded claims: sub, iat, exp only (no auth_time).
      const iat = Math.floor(chain.startedAt / 1000);
      body.idToken = recorded
        ? `${b64url(pyJsonText({ alg: 'ES384', typ: 'JWT' }))}.${b64url(pyJsonText({ sub: chain.sub, iat, exp: iat + 900 }))}.sig`
        : `${b64url(JSON.stringify({ alg: 'ES384', typ: 'JWT' }))}.${b64url(JSON.stringify({ sub: chain.sub, iat, exp: iat + 900 }))}.c2ln`;
    }
    this.issued.push({ n, accessKeyId, secretAccessKey, sessionToken, refreshToken, idToken: (body.idToken as string | undefined) ?? null, jkt: chain.jkt });
    return body;
  }

  private record(req: IncomingMessage, extra: Partial<StandInRequest>): StandInRequest {
    const url = new URL(req.url ?? '/', 'http://x');
    const r: StandInRequest = { method: req.method ?? '', path: url.pathname, query: url.search.slice(1), status: 0, ...extra };
    this.requests.push(r);
    return r;
  }

  private send(res: ServerResponse, r: StandInRequest, status: number, body: unknown, errorType?: string): void {
    r.status = status;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (errorType && errorType !== 'none') headers['x-amzn-errortype'] = errorType;
    res.writeHead(status, headers);
    res.end(body === null ? '' : JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const raw = await readBody(req);
    const suffix = ['/v1/token', '/v1/introspect', '/v1/revoke', '/v1/authorize'].find((s) => url.pathname.endsWith(s)) ?? url.pathname;
    const fault = this.faults.get(suffix);
    if (fault === 'hang') {
      this.record(req, {});
      this.hanging.add(res);
      return; // accepted, never answered
    }
    if (fault && typeof fault === 'object') await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault === 'http500') {
      const r = this.record(req, {});
      return this.send(res, r, 500, { error: 'server_error', message: 'fake server_error' }, 'InternalServerException');
    }
    if (req.method === 'GET' && suffix === '/v1/authorize') return this.authorize(req, res, url);
    if (req.method === 'POST' && suffix === '/v1/token') return this.token(req, res, raw);
    if (req.method === 'POST' && (suffix === '/v1/introspect' || suffix === '/v1/revoke')) return this.withIam(req, res, raw, suffix);
    const r = this.record(req, {});
    this.send(res, r, 404, { message: 'not found' });
  }

  private authorize(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const r = this.record(req, {});
    const redirect = url.searchParams.get('redirect_uri') ?? '';
    const code = `authcode-${randomBytes(4).toString('hex')}`;
    this.codes.set(code, { challenge: url.searchParams.get('code_challenge'), redirectUri: redirect });
    r.status = 302;
    if (this.deny) {
      res.writeHead(302, { location: `${redirect}?error=access_denied` });
      res.end();
      return;
    }
    res.writeHead(302, { location: `${redirect}?code=${code}&state=${this.redirectState ?? url.searchParams.get('state') ?? ''}` });
    res.end();
  }

  /** Checks a DPoP proof (RFC 9449 as protocol.md records it); returns the key's thumbprint or why not. */
  private checkDpop(req: IncomingMessage): { jkt: string; jti: string } | { problem: string } {
    const proof = req.headers.dpop;
    if (typeof proof !== 'string') return { problem: 'missing DPoP header' };
    const parts = proof.split('.');
    if (parts.length !== 3) return { problem: 'DPoP is not a JWT' };
    let header: Record<string, unknown>;
    let payload: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
      payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return { problem: 'DPoP parts are not JSON' };
    }
    const jwk = header.jwk as Record<string, unknown> | undefined;
    if (header.typ !== 'dpop+jwt' || header.alg !== 'ES256' || !jwk || jwk.kty !== 'EC' || jwk.crv !== 'P-256') return { problem: 'DPoP header' };
    const htu = `http://127.0.0.1:${this.port}${new URL(req.url ?? '/', 'http://x').pathname}`;
    if (payload.htm !== 'POST' || payload.htu !== htu) return { problem: `DPoP htm/htu (${String(payload.htu)})` };
    const iat = payload.iat;
    if (typeof iat !== 'number' || Math.abs(iat * 1000 - this.now()) > 300_000) return { problem: 'DPoP iat not fresh' };
    if (typeof payload.jti !== 'string' || this.jtis.has(payload.jti)) return { problem: 'DPoP jti reused' };
    const sig = Buffer.from(parts[2]!, 'base64url');
    let good = false;
    try {
      const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x as string, y: jwk.y as string }, format: 'jwk' });
      good = sig.length === 64 && verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), { key, dsaEncoding: 'ieee-p1363' }, sig);
    } catch {
      good = false;
    }
    if (!good) return { problem: 'DPoP signature' };
    return { jkt: jwkThumbprint(jwk), jti: payload.jti };
  }

  private token(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      const r = this.record(req, {});
      return this.send(res, r, 400, { error: 'INVALID_REQUEST', message: 'body is not JSON' }, 'ValidationException');
    }
    const r = this.record(req, {
      grantType: String(body.grantType), bodyKeys: Object.keys(body), hasDPoP: typeof req.headers.dpop === 'string',
      headerNames: req.rawHeaders.filter((_, i) => i % 2 === 0), userAgent: req.headers['user-agent'], contentType: req.headers['content-type'],
      rawBody: raw.toString('utf8'), dpopShape: dpopShapeOf(req.headers.dpop),
    });
    const dpop = this.checkDpop(req);
    // Not recorded: the real answer to a bad proof. An AccessDenied INVALID_REQUEST makes the CLI say "unspecified error".
    if ('problem' in dpop) return this.send(res, r, 400, { error: 'INVALID_REQUEST', message: `fake ${dpop.problem}` }, 'AccessDeniedException');
    // Recorded: the CLI resends one proof on its retries of a 5xx answer, so only a proof that got another answer is used up.
    const modeError = body.grantType === 'authorization_code' ? this.authCodeError : body.grantType === 'refresh_token' ? this.refreshError : null;
    const status = modeError ? (this.errorStatus ?? 400) : 200;
    if (status < 500) this.jtis.add(dpop.jti);
    if (modeError) {
      const errBody: Record<string, unknown> = this.bodyType ? { __type: this.bodyType } : {};
      errBody.error = modeError;
      errBody.message = `fake ${modeError}`;
      return this.send(res, r, status, errBody, this.errorType ?? 'AccessDeniedException');
    }
    if (body.grantType === 'authorization_code') {
      const code = this.codes.get(String(body.code));
      if (!code) return this.send(res, r, 400, { error: 'AUTHCODE_EXPIRED', message: 'fake AUTHCODE_EXPIRED' }, 'AccessDeniedException');
      this.codes.delete(String(body.code));
      const verifier = String(body.codeVerifier ?? '');
      if (code.challenge !== null && b64url(createHash('sha256').update(verifier).digest()) !== code.challenge) {
        return this.send(res, r, 400, { error: 'INVALID_REQUEST', message: 'fake code_verifier mismatch' }, 'AccessDeniedException');
      }
      const chain: Chain = {
        sub: this.sub, clientId: String(body.clientId), startedAt: this.now(), endsAt: this.now() + this.sessionSeconds * 1000,
        jkt: dpop.jkt, current: '', used: new Set(), revoked: false,
      };
      const minted = this.mint(chain, true);
      return this.send(res, r, 200, this.tokenResponse(minted));
    }
    if (body.grantType === 'refresh_token') {
      const chain = this.chains.get(String(body.refreshToken));
      const token = String(body.refreshToken);
      // Not recorded: reuse of a rotated token and a foreign DPoP key; answered as an invalid request.
      if (!chain || chain.used.has(token)) return this.send(res, r, 400, { error: 'INVALID_REQUEST', message: 'fake unknown or reused refresh token' }, 'AccessDeniedException');
      if (chain.jkt !== null && chain.jkt !== dpop.jkt) return this.send(res, r, 400, { error: 'INVALID_REQUEST', message: 'fake DPoP key not bound to token' }, 'AccessDeniedException');
      if (chain.revoked || this.now() >= chain.endsAt) return this.send(res, r, 400, { error: 'TOKEN_EXPIRED', message: 'fake TOKEN_EXPIRED' }, 'AccessDeniedException');
      return this.send(res, r, 200, this.tokenResponse(this.mint(chain, false)));
    }
    return this.send(res, r, 400, { error: 'INVALID_REQUEST', message: 'fake unknown grant' }, 'ValidationException');
  }

  private tokenResponse(m: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {
      accessToken: { accessKeyId: m.accessKeyId, secretAccessKey: m.secretAccessKey, sessionToken: m.sessionToken },
      tokenType: 'urn:aws:params:oauth:token-type:access_token_sigv4',
      expiresIn: m.expiresIn,
      refreshToken: m.refreshToken,
    };
    if (m.idToken && !this.omitIdToken) out.idToken = m.idToken;
    return out;
  }

  /** Verifies SigV4 (AWS4-HMAC-SHA256, service signin) by the spec; returns the caller's key or why not. */
  private checkSigV4(req: IncomingMessage, raw: Buffer): { issued: Issued } | { problem: string; type: string } {
    const auth = req.headers.authorization ?? '';
    const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
    if (!m) return { problem: 'Missing or malformed Authorization header', type: 'MissingAuthenticationTokenException' };
    const [, akid, date, region, service, signedHeaders, signature] = m as unknown as string[];
    const issued = this.keys.get(akid!);
    if (!issued) return { problem: 'The security token included in the request is invalid.', type: 'UnrecognizedClientException' };
    if (this.now() >= issued.expiresAt) return { problem: 'The security token included in the request is expired', type: 'ExpiredTokenException' };
    if (service !== 'signin' || region !== this.region) return { problem: `Credential should be scoped to a valid region and service signin (got ${region}/${service})`, type: 'InvalidSignatureException' };
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    const when = Date.parse(amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
    if (!Number.isFinite(when) || Math.abs(when - this.now()) > 300_000 || !amzDate.startsWith(date!)) {
      return { problem: 'Signature expired or X-Amz-Date missing', type: 'InvalidSignatureException' };
    }
    if (req.headers['x-amz-security-token'] !== issued.sessionToken) return { problem: 'The security token included in the request is invalid.', type: 'UnrecognizedClientException' };
    const names = signedHeaders!.split(';');
    if (!names.includes('host') || !names.includes('x-amz-date') || !names.includes('x-amz-security-token')) {
      return { problem: 'host, x-amz-date and x-amz-security-token must be signed', type: 'InvalidSignatureException' };
    }
    const payloadHash = sha256hex(raw);
    const claimed = req.headers['x-amz-content-sha256'];
    if (claimed !== undefined && claimed !== payloadHash) return { problem: 'x-amz-content-sha256 does not match the body', type: 'InvalidSignatureException' };
    const url = new URL(req.url ?? '/', 'http://x');
    const query = [...url.searchParams.entries()]
      .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const path = url.pathname.split('/').map((seg) => uriEncode(decodeURIComponent(seg))).join('/');
    const headerLines = names.map((n) => {
      const v = req.headers[n];
      return `${n}:${(Array.isArray(v) ? v.join(',') : String(v ?? '')).trim().replace(/\s+/g, ' ')}\n`;
    });
    const canonical = ['POST', path, query, headerLines.join(''), signedHeaders, payloadHash].join('\n');
    const scope = `${date}/${region}/${service}/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256hex(canonical)].join('\n');
    const key = hmac(hmac(hmac(hmac(`AWS4${issued.secretAccessKey}`, date!), region!), service!), 'aws4_request');
    const expected = hmac(key, toSign).toString('hex');
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature!))) {
      return { problem: 'The request signature we calculated does not match the signature you provided.', type: 'InvalidSignatureException' };
    }
    return { issued };
  }

  private withIam(req: IncomingMessage, res: ServerResponse, raw: Buffer, suffix: string): void {
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      // checked below
    }
    const r = this.record(req, { token: typeof body.token === 'string' ? body.token : undefined });
    if (new URL(req.url ?? '/', 'http://x').searchParams.get('x-amz-client-auth-method') !== 'iam') {
      return this.send(res, r, 400, { message: 'x-amz-client-auth-method=iam is required' }, 'ValidationException');
    }
    const auth = this.checkSigV4(req, raw);
    if ('problem' in auth) return this.send(res, r, 403, { message: auth.problem }, auth.type);
    if (typeof body.token !== 'string') return this.send(res, r, 400, { message: 'token is required' }, 'ValidationException');
    const chain = this.chains.get(body.token);
    if (suffix === '/v1/revoke') {
      if (chain) chain.revoked = true;
      return this.send(res, r, 200, null);
    }
    const caller = auth.issued.chain.sub;
    if (this.introspectDenied.has(caller)) {
      return this.send(res, r, 403, { message: `User: ${caller} is not authorized to perform: signin:IntrospectOAuth2Token` }, 'AccessDeniedException');
    }
    const now = this.now();
    if (!chain || chain.revoked || chain.current !== body.token || now >= chain.endsAt || chain.sub.split(':')[4] !== caller.split(':')[4]) {
      return this.send(res, r, 200, { active: false });
    }
    return this.send(res, r, 200, {
      active: true,
      client_id: chain.clientId,
      token_type: 'refresh_token',
      exp: Math.floor(chain.endsAt / 1000),
      iat: Math.floor(chain.startedAt / 1000),
      nbf: Math.floor(chain.startedAt / 1000),
      sub: chain.sub,
      user_id: `AROAFAKE:${chain.sub.split('/').pop() ?? ''}`,
      jti: randomUUID(),
    });
  }
}

/** Starts a stand-in on 127.0.0.1. */
export function startSigninStandIn(opts: StandInOptions = {}): Promise<SigninStandIn> {
  return new SigninStandIn(opts).start();
}
