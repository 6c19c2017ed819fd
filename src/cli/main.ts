import { version } from '../../package.json';
import { isUsageError } from './args';
import { COMMANDS, type CommandEntry } from './commands/index';
import { EXIT_ERROR, EXIT_OK, type CliContext } from './context';

const BIN = 'aws-login-tray';

/** `aws-login-tray --help`: every command with its one-line summary (loads every command). */
export async function mainHelp(): Promise<string> {
  const commands = await Promise.all(COMMANDS.map((c) => c.load()));
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `Usage: ${BIN} <command> [options]`,
    '',
    'Keeps your `aws login` sessions in view: state, refresh and session countdowns, auto-login.',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  -h, --help     Show help (also after a command: `' + BIN + ' status --help`)',
    '  --version      Print the version',
    '',
  ].join('\n');
}

/** One line for a person: the message as written (AwsConfigError reads `FILE:LINE: reason`). */
export function formatError(err: unknown): string {
  if (isUsageError(err)) return `${BIN}: ${err.message}.`;
  const message = err instanceof Error ? err.message : String(err);
  const oneLine = message.replace(/\s*\r?\n\s*/g, ' ').trim() || 'unknown error';
  if (err instanceof Error && ['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError'].includes(err.name)) {
    return `${BIN}: internal error: ${oneLine}. Please report it with the command you ran.`;
  }
  return oneLine;
}

function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** Runs one command line; never throws: errors become one line on stderr and exit code 2. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' && rest[0] !== undefined ? findCommand(rest[0]) : undefined;
    ctx.stdout(topic ? (await topic.load()).usage : await mainHelp());
    return first === undefined ? EXIT_ERROR : EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    ctx.stdout(`${version}\n`);
    return EXIT_OK;
  }
  const entry = findCommand(first);
  if (!entry) {
    const what = first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`;
    ctx.stderr(`${BIN}: ${what}. Commands: ${COMMANDS.map((c) => c.name).join(', ')}. Run \`${BIN} --help\` for more.\n`);
    return EXIT_ERROR;
  }
  const commandName = entry.name;
  try {
    const command = await entry.load();
    if (wantsHelp(rest)) {
      ctx.stdout(command.usage);
      return EXIT_OK;
    }
    return await command.run(rest, ctx);
  } catch (err) {
    const hint = isUsageError(err) ? ` See \`${BIN} ${commandName} --help\`.` : '';
    ctx.stderr(`${formatError(err)}${hint}\n`);
    return EXIT_ERROR;
  }
}
