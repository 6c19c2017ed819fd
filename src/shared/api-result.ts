import type { UserError } from './errors';
import { describeFileError } from '../core/file-errors';

/**
 * What crosses IPC for every channel: Electron passes only the message of an error thrown in a
 * handler (electron/electron#24427), so handlers return results and the hint survives.
 */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: UserError };

/** An Error that keeps the UserError it came from, so the window can show the hint too. */
export class ApiError extends Error {
  constructor(readonly userError: UserError) {
    super(userError.message);
    this.name = 'ApiError';
  }
}

/** The UserError of anything thrown: a carried one (ApiError, TrayServiceError), else an internal error with its message. */
export function userErrorOf(err: unknown): UserError {
  const carried = (err as { userError?: UserError } | null)?.userError;
  if (carried && typeof carried.message === 'string') return { code: carried.code, message: carried.message, hint: carried.hint ?? null };
  // A file error: which file, what failed and the next step for its code (core/file-errors.ts).
  const file = describeFileError(err);
  if (file) return { code: 'internal', message: `${file.message.charAt(0).toUpperCase()}${file.message.slice(1)}.`, hint: file.hint };
  return { code: 'internal', message: err instanceof Error ? err.message : String(err), hint: null };
}

/** Runs fn and turns its value or its throw into a result (for IPC handlers). */
export async function toResult<T>(fn: () => Promise<T> | T): Promise<IpcResult<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: userErrorOf(err) };
  }
}

/** The value of a result, or an ApiError carrying its UserError (for the window's side). */
export function unwrapResult<T>(result: unknown): T {
  const r = result as IpcResult<T> | null;
  if (r && r.ok === true) return r.value;
  if (r && r.ok === false && r.error && typeof r.error.message === 'string') throw new ApiError(r.error);
  throw new ApiError({ code: 'internal', message: 'The app answered in a shape the window does not know.', hint: 'Restart AWS Login Tray.' });
}
