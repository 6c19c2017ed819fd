import { describe, expect, it } from 'vitest';
import { loginFollower } from '../../src/core/login-output';

describe('loginFollower', () => {
  const URL = 'https://signin.aws.amazon.com/v1/authorize?response_type=code&client_id=x';
  it('gives the URL once, and asks for the code once, only when the CLI asks and its stdin is there (in either order)', () => {
    const early = loginFollower();
    expect(early.output('Browser will not be automatically opened.\n')).toEqual({ url: null, askCode: false });
    expect(early.output(`Please visit the following URL:\n\n${URL}\n`)).toEqual({ url: URL, askCode: false });
    expect(early.output('\nEnter the authorization code displayed in your browser: ')).toEqual({ url: null, askCode: false });
    expect(early.stdinReady()).toEqual({ url: null, askCode: true });
    expect(early.output('more')).toEqual({ url: null, askCode: false });

    const ready = loginFollower();
    expect(ready.stdinReady()).toEqual({ url: null, askCode: false });
    expect(ready.output(`${URL}\nEnter the authorization code displayed in your browser: `)).toEqual({ url: URL, askCode: true });
  });

  it('keeps at most maxChars of output', () => {
    const f = loginFollower(10);
    f.output('x'.repeat(20));
    expect(f.output(`\n${URL}\n`)).toEqual({ url: null, askCode: false });
  });
});
