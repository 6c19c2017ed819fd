import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ApiError, userErrorOf } from '../../src/shared/api-result';

describe('userErrorOf', () => {
  it('keeps a carried UserError as it is', () => {
    const e = { code: 'config-error' as const, message: '/h/.aws/config:3: bad line', hint: 'Fix that line.' };
    expect(userErrorOf(new ApiError(e))).toEqual(e);
  });

  it('tells a file error (a real one from Node) as which file, what failed, and the next step for its code', () => {
    const folder = mkdtempSync(`${tmpdir()}/alt-api-result-`);
    let err: unknown;
    try {
      readFileSync(folder);
    } catch (e) {
      err = Object.assign(e as Error, { path: folder });
    }
    expect(userErrorOf(err)).toEqual({ code: 'internal', message: `Cannot read ${folder}: it is a folder, not a file.`, hint: `Rename the folder '${folder}', then try again.` });
  });

  it('has no hint for anything else', () => {
    expect(userErrorOf(new TypeError('x is not a function'))).toEqual({ code: 'internal', message: 'x is not a function', hint: null });
  });
});
