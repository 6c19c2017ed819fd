import { describe, expect, it } from 'vitest';
import { CommandLineError, splitCommandLine, splitWindowsCommandLine } from '../../src/core/command-line';

describe('splitCommandLine (Python shlex.split, posix)', () => {
  // Expected values were produced with Python 3's shlex.split.
  it.each([
    ['a b\tc', ['a', 'b', 'c']],
    ['  spaced   out  ', ['spaced', 'out']],
    ['a "" b', ['a', '', 'b']],
    ['a\\ b', ['a b']],
    ['"x\\y" "a\\"b"', ['x\\y', 'a"b']],
    ["'it''s' x", ['its', 'x']],
    ["'a \"b\" \\c'", ['a "b" \\c']],
    ['"/Users/Jane Doe/bin/tool" --profile p', ['/Users/Jane Doe/bin/tool', '--profile', 'p']],
    ['pre"mid dle"post', ['premid dlepost']],
    ['', []],
  ])('%j', (input, words) => {
    expect(splitCommandLine(input)).toEqual(words);
  });

  it('rejects an unclosed quote and a trailing backslash', () => {
    expect(() => splitCommandLine('a "b')).toThrow(CommandLineError);
    expect(() => splitCommandLine("a 'b")).toThrow('No closing quotation');
    expect(() => splitCommandLine('a \\')).toThrow('No escaped character');
  });
});

describe('splitWindowsCommandLine (botocore _windows_shell_split)', () => {
  it.each([
    ['C:\\tools\\x.cmd --profile p', ['C:\\tools\\x.cmd', '--profile', 'p']],
    ['"C:\\Program Files\\x.cmd" a', ['C:\\Program Files\\x.cmd', 'a']],
    ['a\\\\"b c"', ['a\\b c']],
    ['a\\"b', ['a"b']],
    ['""', ['']],
    ['a\\\\', ['a\\\\']],
  ])('%j', (input, words) => {
    expect(splitWindowsCommandLine(input)).toEqual(words);
  });

  it('rejects an unclosed quote', () => {
    expect(() => splitWindowsCommandLine('"a')).toThrow(CommandLineError);
  });
});
