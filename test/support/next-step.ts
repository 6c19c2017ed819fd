import { spawn } from 'node:child_process';
import { FAKE_AWS_PATH, type AwsSandbox } from './fake-aws';

/** Debian's AWS CLI 2.9: the real `aws configure set` a user runs (it has no `aws login`). */
export const REAL_AWS = '/usr/bin/aws';

/** A finished command a next step named. */
export interface StepRun {
  command: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The commands a hint tells a person to run, in order: every `aws …` / `aws-login-tray …` between backticks. */
export function suggestedCommands(hint: string): string[] {
  return [...hint.matchAll(/`((?:aws|aws-login-tray) [^`]+)`/g)].map((m) => m[1]!);
}

/**
 * `doctor`'s fixes that are commands (`fix: <command> [&& <command>]  # a note`: pasted into sh, the
 * note is a comment), without the note, each `&&` part on its own; prose fixes are left out.
 */
export function doctorFixes(report: string): string[] {
  return [...report.matchAll(/^\s+fix: (.+)$/gm)]
    .map((m) => m[1]!.replace(/\s+#\s.*$/, ''))
    .filter((c) => /^(aws|aws-login-tray|chmod) /.test(c))
    .flatMap((c) => c.split(' && '));
}

/** Every fix line of a doctor report, commands and prose. */
export function allDoctorFixes(report: string): string[] {
  return [...report.matchAll(/^\s+fix: (.+)$/gm)].map((m) => m[1]!);
}

/** The text after "Next step: " in a CLI run's stderr (null when there is none). */
export function nextStepOf(stderr: string): string | null {
  return /^Next step: (.+)$/m.exec(stderr)?.[1] ?? null;
}

/** How to run a suggested command: the CLI's path, placeholder values, and what the person types. */
export interface StepOptions {
  bin: string;
  fill?: Record<string, string>;
  /** Typed at once, then stdin is closed. */
  input?: string;
  /** Typed once the output asks for it: called on each output chunk until it returns a line. */
  answer?: (stdoutSoFar: string) => string | null;
  env?: Record<string, string>;
}

/** Splits a command as sh would for what hints contain: words, '…' quoting. */
function words(command: string): string[] {
  const out: string[] = [];
  for (const m of command.matchAll(/'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2]!);
  return out;
}

/**
 * Runs a suggested command as a person would in a terminal of the sandbox: `aws-login-tray` is the
 * built CLI, `aws configure …` the real AWS CLI, any other `aws …` the fake built from the
 * recordings (the real one here is too old for `aws login`), `chmod` the system's. Placeholders such
 * as `<region>` must be given in `fill`; one left over fails the run (the hint was not followable).
 */
export function runSuggested(
  command: string, sb: AwsSandbox, o: StepOptions,
): Promise<StepRun> {
  let filled = command;
  for (const [k, v] of Object.entries(o.fill ?? {})) filled = filled.split(`<${k}>`).join(v);
  const left = /<[a-z-]+>/.exec(filled);
  if (left) throw new Error(`The next step "${command}" has a placeholder ${left[0]} this test did not fill.`);
  const [program, ...args] = words(filled);
  let file: string;
  let argv: string[];
  if (program === 'aws-login-tray') [file, argv] = [process.execPath, [o.bin, ...args]];
  else if (program === 'aws' && args[0] === 'configure' && args[1] === 'set') [file, argv] = [REAL_AWS, args];
  else if (program === 'aws') [file, argv] = [FAKE_AWS_PATH, args];
  else if (program === 'chmod') [file, argv] = ['sh', ['-c', filled]];
  else throw new Error(`The next step "${command}" starts a program this test cannot run: ${program}.`);
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { env: { ...sb.env, ...o.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let answered = !o.answer;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = answered ? null : o.answer!(stdout);
      if (line !== null) [answered] = [true, child.stdin.end(line)];
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ command: filled, code, stdout, stderr }));
    if (!o.answer) child.stdin.end(o.input ?? '');
  });
}

/** Runs every command of a hint in order; each must succeed (exit 0), as following it should. */
export async function followAll(
  commands: string[], sb: AwsSandbox, o: StepOptions,
): Promise<StepRun[]> {
  const runs: StepRun[] = [];
  for (const c of commands) {
    const r = await runSuggested(c, sb, o);
    runs.push(r);
    if (r.code !== 0) throw new Error(`Following "${r.command}" failed (exit ${r.code}):\n${r.stderr}${r.stdout}`);
  }
  return runs;
}
