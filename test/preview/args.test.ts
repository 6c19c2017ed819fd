import { describe, expect, it } from 'vitest';
import { parsePort } from '../../src/preview/args';

describe('parsePort', () => {
  it('reads --port N and --port=N, defaulting to 4477', () => {
    expect(parsePort([])).toEqual({ ok: true, port: 4477 });
    expect(parsePort(['--port', '0'])).toEqual({ ok: true, port: 0 });
    expect(parsePort(['--port=8080'])).toEqual({ ok: true, port: 8080 });
  });

  it('refuses bad values and unknown options with a sentence', () => {
    expect(parsePort(['--port', '70000'])).toMatchObject({ ok: false, message: expect.stringContaining('0 to 65535') });
    expect(parsePort(['--port'])).toMatchObject({ ok: false });
    expect(parsePort(['--verbose'])).toMatchObject({ ok: false, message: expect.stringContaining('Unknown option --verbose.') });
  });
});
