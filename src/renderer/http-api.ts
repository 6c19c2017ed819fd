import type { Channel, ChannelArgs, ChannelResult, StatusReport, TrayApi, UserError } from '../shared/ipc-contract';
import { CHANNELS, STATUS_CHANGED_EVENT } from '../shared/ipc-contract';

/** What the preview server sends back when a request fails (never a stack trace). */
interface ErrorBody {
  error: UserError;
}

function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as ErrorBody | null)?.error;
  return typeof error === 'object' && error !== null && typeof error.message === 'string';
}

/** An Error that keeps the server's UserError, so the window can show its hint too. */
export class ApiError extends Error {
  constructor(readonly userError: UserError) {
    super(userError.message);
    this.name = 'ApiError';
  }
}

async function call<C extends Channel>(base: string, channel: C, args: ChannelArgs<C>): Promise<ChannelResult<C>> {
  let response: Response;
  try {
    response = await fetch(`${base}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ args }),
      cache: 'no-store',
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

/** The TrayApi over the preview's HTTP server: POST /api/<channel>, status pushes over Server-Sent Events. */
export function createHttpApi(base = ''): TrayApi {
  const listeners = new Set<(status: StatusReport) => void>();
  let source: EventSource | null = null;
  const open = (): void => {
    source = new EventSource(`${base}/api/events`);
    source.addEventListener(STATUS_CHANGED_EVENT, (event) => {
      const status = JSON.parse((event as MessageEvent<string>).data) as StatusReport;
      for (const listener of listeners) listener(status);
    });
  };
  const api = {
    onStatusChanged(listener: (status: StatusReport) => void): () => void {
      listeners.add(listener);
      if (source === null) open();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source !== null) {
          source.close();
          source = null;
        }
      };
    },
  } as Partial<TrayApi>;
  for (const channel of CHANNELS) {
    (api as Record<string, unknown>)[channel] = (...args: unknown[]) => call(base, channel, args as never);
  }
  return api as TrayApi;
}
