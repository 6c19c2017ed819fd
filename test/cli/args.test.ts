import { describe, expect, it } from 'vitest';
import { isUsageError, parseArgs, UsageError } from '../../src/cli/args';

const specs = { json: { type: 'boolean' as const }, profile: { type: 'string' as const, short: 'p' } };

describe('parseArgs', () => {
  it('reads booleans, strings in every spelling, and positionals', () => {
    expect(parseArgs([], specs)).toEqual({ options: { json: false, profile: undefined }, positionals: [] });
    expect(parseArgs(['--json', '--profile', 'dev'], specs).options).toEqual({ json: true, profile: 'dev' });
    expect(parseArgs(['--profile=dev'], specs).options.profile).toBe('dev');
    expect(parseArgs(['-p', 'dev'], specs).options.profile).toBe('dev');
    expect(parseArgs(['--profile='], specs).options.profile).toBe('');
    expect(parseArgs(['a', '--json'], specs, 1)).toEqual({ options: { json: true, profile: undefined }, positionals: ['a'] });
  });

  it('treats everything after -- as positionals', () => {
    expect(parseArgs(['--', '--json'], specs, 1).positionals).toEqual(['--json']);
  });

  it.each([
    [['--nope'], 'unknown option --nope'],
    [['-x'], 'unknown option -x'],
    [['--json=yes'], 'option --json takes no value'],
    [['--profile'], 'option --profile needs a value'],
    [['--profile', '--json'], 'option --profile needs a value, and "--json" looks like an option (values must not start with "-")'],
    [['extra'], 'unexpected argument: extra'],
    [['--constructor'], 'unknown option --constructor'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv, specs)).toThrow(new UsageError(message));
  });

  it('says "too many arguments" when some positionals are allowed', () => {
    expect(() => parseArgs(['a', 'b'], specs, 1)).toThrow('too many arguments: b');
  });
});

describe('isUsageError', () => {
  it('recognises a UsageError from another copy of the class (each command bundle has its own)', () => {
    const fromOtherBundle = Object.assign(new Error('unknown option --x'), { [Symbol.for('aws-login-tray.UsageError')]: true });
    expect(fromOtherBundle instanceof UsageError).toBe(false);
    expect(isUsageError(fromOtherBundle)).toBe(true);
    expect(isUsageError(new UsageError('x'))).toBe(true);
    expect(isUsageError(new Error('x'))).toBe(false);
    expect(isUsageError('UsageError')).toBe(false);
  });
});
