import { readFile, realpath, stat } from 'node:fs';
import { join, sep } from 'node:path';
import { promisify } from 'node:util';
import { rendererFileRequest } from '../core/app-url';

/** The file system calls used; the callback APIs, which Electron's asar support covers (the packaged window lives in app.asar). */
export interface RendererFs {
  realpath(path: string): Promise<string>;
  stat(path: string): Promise<{ isFile(): boolean }>;
  readFile(path: string): Promise<Uint8Array<ArrayBuffer>>;
}

const nodeRendererFs: RendererFs = {
  realpath: promisify(realpath),
  stat: promisify(stat),
  readFile: promisify(readFile),
};

const refused = (status: number, reason: string): Response =>
  new Response(`${status === 404 ? 'Not found' : status === 405 ? 'Method not allowed' : 'Bad request'}: ${reason}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });

/**
 * The answer to an app://tray/... request: a file of `root` (the built renderer folder) with its
 * Content-Type and `headers`, or 400/404/405. Besides rendererFileRequest's checks, the file's real
 * path must lie inside root's real path (a symlink out of the folder is not found) and be a file.
 */
export async function rendererResponse(root: string, request: { url: string; method: string }, headers: Record<string, string> = {}, fs: RendererFs = nodeRendererFs): Promise<Response> {
  const want = rendererFileRequest(request.url, request.method);
  if (!want.ok) return refused(want.status, want.reason);
  let body: Uint8Array<ArrayBuffer>;
  try {
    const base = await fs.realpath(root);
    const real = await fs.realpath(join(base, ...want.path));
    if (!real.startsWith(base.endsWith(sep) ? base : base + sep)) return refused(404, 'outside the window folder');
    if (!(await fs.stat(real)).isFile()) return refused(404, 'not a file');
    body = await fs.readFile(real);
  } catch {
    return refused(404, 'no such file');
  }
  return new Response(want.head ? null : body, {
    status: 200,
    headers: { ...headers, 'Content-Type': want.contentType, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' },
  });
}
