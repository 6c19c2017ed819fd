import type { Channel, ChannelArgs, ChannelResult, StatusReport, TrayApi, UserError } from '../shared/ipc-contract';
import { CHANNELS, STATUS_CHANGED_EVENT } from '../shared/ipc-contract';
import { ApiError } from '../shared/api-result';
import { PREVIEW_TOKEN_HEADER } from '../shared/preview-auth';

/** What the preview server sends back when a request fails (never a stack trace). */
interface ErrorBody {
  error: UserError;
}

function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as ErrorBody | null)?.error;
  return typeof error === 'object' && error !== null && typeof error.message === 'string';
}

export { ApiError };

/** How long to wait before reopening a dropped event stream (EventSource's default is about 3 s). */
const RECONNECT_MS = 3_000;

function tokenHeaders(token: string | null): Record<string, string> {
  return token === null ? {} : { [PREVIEW_TOKEN_HEADER]: token };
}

async function call<C extends Channel>(base: string, token: string | null, channel: C, args: ChannelArgs<C>): Promise<ChannelResult<C>> {
  let response: Response;
  try {
    response = await fetch(`${base}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...tokenHeaders(token) },
      body: JSON.stringify({ args }),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new ApiError({ code: 'internal', message: 'The preview server is not answering.', hint: 'Check that `npm run preview` is still running, then reload.' });
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok || body === null) {
    if (isErrorBody(body)) throw new ApiError(body.error);
    throw new ApiError({ code: 'internal', message: `The preview server answered ${response.status} to ${channel}.`, hint: 'Reload the page; if it persists, restart `npm run preview`.' });
  }
  return body as ChannelResult<C>;
}

/** Splits a Server-Sent Events text into complete frames; returns the frames and the unfinished rest. */
export function splitEventFrames(text: string): { frames: { event: string; data: string }[]; rest: string } {
  const frames: { event: string; data: string }[] = [];
  const parts = text.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = parts.pop() ?? '';
  for (const part of parts) {
    let event = 'message';
    const data: string[] = [];
    for (const line of part.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) frames.push({ event, data: data.join('\n') });
  }
  return { frames, rest };
}

/**
 * The event stream read with fetch, not EventSource: EventSource cannot send a header, and the
 * token must not ride in a cookie or a URL. Reopens after a drop; stops for good on a refusal
 * (a 4xx: wrong token, other origin), since retrying cannot fix that.
 */
function openEventStream(base: string, token: string | null, onStatus: (status: StatusReport) => void): () => void {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async (): Promise<void> => {
    let refused = false;
    try {
      const response = await fetch(`${base}/api/events`, { headers: tokenHeaders(token), cache: 'no-store', credentials: 'omit', signal: controller.signal });
      refused = response.status >= 400 && response.status < 500;
      if (!response.ok || !response.body) return;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const split = splitEventFrames(buffer + value);
        buffer = split.rest;
        for (const frame of split.frames) if (frame.event === STATUS_CHANGED_EVENT) onStatus(JSON.parse(frame.data) as StatusReport);
      }
    } catch {
      // Dropped (server restarted, network): reopen below unless we were closed.
    } finally {
      if (!refused && !controller.signal.aborted) timer = setTimeout(() => void run(), RECONNECT_MS);
    }
  };
  void run();
  return () => {
    controller.abort();
    clearTimeout(timer);
  };
}

/**
 * The TrayApi over the preview's HTTP server: POST /api/<channel>, status pushes as Server-Sent
 * Events on GET /api/events; both carry the access token in the X-Preview-Token header.
 */
export function createHttpApi(base = '', token: string | null = null): TrayApi {
  const listeners = new Set<(status: StatusReport) => void>();
  let closeStream: (() => void) | null = null;
  const api = {
    onStatusChanged(listener: (status: StatusReport) => void): () => void {
      listeners.add(listener);
      closeStream ??= openEventStream(base, token, (status) => {
        for (const l of listeners) l(status);
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && closeStream !== null) {
          closeStream();
          closeStream = null;
        }
      };
    },
  } as Partial<TrayApi>;
  for (const channel of CHANNELS) {
    (api as Record<string, unknown>)[channel] = (...args: unknown[]) => call(base, token, channel, args as never);
  }
  return api as TrayApi;
}
