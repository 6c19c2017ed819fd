import { describe, expect, it } from 'vitest';
import { isBusyCode, renameRetryingBusy } from '../../src/node/config-file-io';

const fail = (code: string) => Object.assign(new Error(code), { code });

describe('renameRetryingBusy', () => {
  it('retries EPERM/EACCES/EBUSY once per backoff step, then rethrows the last error', async () => {
    const seen: string[] = [];
    const rename = async (from: string, to: string) => {
      seen.push(`${from}->${to}`);
      throw fail(['EPERM', 'EACCES', 'EBUSY'][seen.length % 3]!);
    };
    await expect(renameRetryingBusy(rename, 'a', 'b', [0, 0])).rejects.toMatchObject({ code: 'EPERM' });
    expect(seen).toEqual(['a->b', 'a->b', 'a->b']);
  });

  it('returns as soon as a retry succeeds, and never retries other errors', async () => {
    let n = 0;
    const busyTwice = async () => {
      if (++n < 3) throw fail('EBUSY');
    };
    await renameRetryingBusy(busyTwice, 'a', 'b', [0, 0, 0, 0]);
    expect(n).toBe(3);
    n = 0;
    const missing = async () => {
      n++;
      throw fail('ENOENT');
    };
    await expect(renameRetryingBusy(missing, 'a', 'b', [0, 0])).rejects.toMatchObject({ code: 'ENOENT' });
    expect(n).toBe(1);
  });

  it('knows which codes mean a busy file', () => {
    expect(['EPERM', 'EACCES', 'EBUSY'].every(isBusyCode)).toBe(true);
    expect(isBusyCode('ENOENT')).toBe(false);
    expect(isBusyCode(undefined)).toBe(false);
  });
});
