/** Thrown for a command line that cannot be split (an unclosed quote, a trailing backslash). */
export class CommandLineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandLineError';
  }
}

const BLANK = /[ \t\r\n]/;

/**
 * Splits a command into words like a POSIX shell word list, exactly as Python's shlex.split does
 * (botocore splits `credential_process` this way on macOS and Linux): quotes group, `\` escapes
 * outside quotes, and inside double quotes `\` escapes only `"` and `\`.
 */
export function splitCommandLine(cmd: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < cmd.length; i++) {
    const ch = cmd[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && (cmd[i + 1] === '"' || cmd[i + 1] === '\\')) word += cmd[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 >= cmd.length) throw new CommandLineError(`No escaped character after the final backslash in: ${cmd}`);
      word += cmd[++i];
      inWord = true;
    } else if (BLANK.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) throw new CommandLineError(`No closing quotation in: ${cmd}`);
  if (inWord) words.push(word);
  return words;
}

/**
 * Splits a command as Windows' CommandLineToArgvW does (botocore's _windows_shell_split, used for
 * `credential_process` on Windows): only double quotes group, backslashes are literal unless they
 * lead up to a double quote.
 */
export function splitWindowsCommandLine(cmd: string): string[] {
  const words: string[] = [];
  let buff: string[] = [];
  let quoted = false;
  let backslashes = 0;
  const flushBackslashes = (): void => {
    if (backslashes > 0) buff.push('\\'.repeat(backslashes));
    backslashes = 0;
  };
  for (const ch of cmd) {
    if (ch === '\\') {
      backslashes++;
    } else if (ch === '"') {
      if (backslashes > 0) {
        buff.push('\\'.repeat(Math.floor(backslashes / 2)));
        const escaped = backslashes % 2 === 1;
        backslashes = 0;
        if (escaped) {
          buff.push('"');
          continue;
        }
      }
      quoted = !quoted;
      buff.push('');
    } else if ((ch === ' ' || ch === '\t') && !quoted) {
      flushBackslashes();
      if (buff.length > 0) words.push(buff.join(''));
      buff = [];
    } else {
      flushBackslashes();
      buff.push(ch);
    }
  }
  if (quoted) throw new CommandLineError(`No closing quotation in: ${cmd}`);
  flushBackslashes();
  if (buff.length > 0) words.push(buff.join(''));
  return words;
}
