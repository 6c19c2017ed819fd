import { describe, expect, it } from 'vitest';
import { formatVersion, parseAwsCliVersion, supportsLogin } from '../../src/core/aws-cli-version';

describe('aws-cli-version', () => {
  it('parses v2 and v1 output', () => {
    expect(parseAwsCliVersion('aws-cli/2.32.3 Python/3.13.9 Linux/6.1 exe/x86_64.debian.12\n')).toEqual({ major: 2, minor: 32, patch: 3 });
    expect(parseAwsCliVersion('\naws-cli/1.33.1 Python/3.11 Linux/6.1 botocore/1.34')).toEqual({ major: 1, minor: 33, patch: 1 });
    expect(parseAwsCliVersion('command not found')).toBeNull();
  });
  it('needs 2.32.0 or newer for login', () => {
    const v = (s: string) => parseAwsCliVersion(`aws-cli/${s} `)!;
    expect(supportsLogin(v('2.32.0'))).toBe(true);
    expect(supportsLogin(v('2.40.1'))).toBe(true);
    expect(supportsLogin(v('3.0.0'))).toBe(true);
    expect(supportsLogin(v('2.31.39'))).toBe(false);
    expect(supportsLogin(v('2.9.19'))).toBe(false);
    expect(supportsLogin(v('1.44.0'))).toBe(false);
    expect(formatVersion(v('2.9.19'))).toBe('2.9.19');
  });
});
