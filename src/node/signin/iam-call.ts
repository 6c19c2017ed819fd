import { createHash, createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { SignatureV4 } from '@smithy/signature-v4';

/** IAM credentials to sign with (the session's own). */
export interface IamCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface SigninCall {
  endpoint: string;
  region: string;
  /** '/v1/introspect' or '/v1/revoke'; any path of the endpoint is kept before it. */
  operation: '/v1/introspect' | '/v1/revoke';
  body: Record<string, unknown>;
  credentials: IamCredentials;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Sign-In's answer, or what went wrong on the way (never holds a secret). */
export type SigninAnswer =
  | { kind: 'answer'; status: number; errorType: string | null; body: string }
  | { kind: 'timeout' }
  | { kind: 'network'; problem: string };

/** The SHA-256 the signer wants (node:crypto; keyed = HMAC). */
class NodeSha256 {
  private readonly h: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', Buffer.from(secret as Uint8Array));
  }
  update(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): void {
    this.h.update(typeof data === 'string' ? data : Buffer.from(data as Uint8Array));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
}

/**
 * POSTs one `…WithIAM` operation (`?x-amz-client-auth-method=iam`), SigV4-signed for service
 * `signin` with @smithy/signature-v4. Bounded by timeoutMs; never throws.
 */
export async function callSigninWithIam(call: SigninCall): Promise<SigninAnswer> {
  const url = new URL(call.endpoint);
  const body = JSON.stringify(call.body);
  const signer = new SignatureV4({ service: 'signin', region: call.region, credentials: call.credentials, sha256: NodeSha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: `${url.pathname.replace(/\/+$/, '')}${call.operation}`,
    query: { 'x-amz-client-auth-method': 'iam' },
    headers: { host: url.host, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
    body,
  });
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SigninAnswer>((resolve) => {
    let settled = false;
    const done = (a: SigninAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
      resolve(a);
    };
    const req = send(
      {
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port || undefined,
        path: `${signed.path}?x-amz-client-auth-method=iam`,
        headers: signed.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= 1_000_000) chunks.push(c);
        });
        res.on('end', () => {
          const type = res.headers['x-amzn-errortype'];
          done({ kind: 'answer', status: res.statusCode ?? 0, errorType: typeof type === 'string' ? type.split(':')[0]! : null, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (err) => done({ kind: 'network', problem: err.message }));
      },
    );
    const timer = setTimeout(() => {
      done({ kind: 'timeout' });
      req.destroy();
    }, call.timeoutMs);
    const onAbort = () => {
      done({ kind: 'network', problem: 'cancelled' });
      req.destroy();
    };
    call.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err: NodeJS.ErrnoException) => done({ kind: 'network', problem: err.code ?? err.message }));
    req.end(body);
  });
}
