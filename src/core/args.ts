/** Marks UsageErrors across bundles: each dist/cli-<command>.cjs has its own copy of the class, so instanceof fails. */
const USAGE_ERROR = Symbol.for('aws-login-tray.UsageError');

/** A bad command line: printed with a pointer to --help, exit 2. */
export class UsageError extends Error {
  readonly [USAGE_ERROR] = true;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** True for a UsageError from any bundle (use this, never `instanceof UsageError`). */
export function isUsageError(err: unknown): err is UsageError {
  return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[USAGE_ERROR] === true;
}

export interface OptionSpec {
  type: 'boolean' | 'string';
  /** One-letter alias, without the dash. */
  short?: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

export type ParsedOptions<S extends OptionSpecs> = {
  [K in keyof S]: S[K]['type'] extends 'boolean' ? boolean : string | undefined;
};

export interface ParsedArgs<S extends OptionSpecs> {
  options: ParsedOptions<S>;
  positionals: string[];
}

/**
 * A deliberately small parser: `--name`, `--name=value`, `--name value`, `-n value`, and `--` to
 * end options. Unknown options are errors, and so are option-like positionals (a profile name
 * never starts with "-", so "-x" is always a typo, never data).
 */
export function parseArgs<S extends OptionSpecs>(argv: readonly string[], specs: S, maxPositionals = 0): ParsedArgs<S> {
  const options: Record<string, string | boolean | undefined> = {};
  for (const [name, spec] of Object.entries(specs)) options[name] = spec.type === 'boolean' ? false : undefined;
  const positionals: string[] = [];
  const byShort = new Map(Object.entries(specs).flatMap(([n, s]) => (s.short ? [[s.short, n] as const] : [])));
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const raw = arg.startsWith('--') ? arg.slice(2, eq === -1 ? undefined : eq) : arg.slice(1, eq === -1 ? undefined : eq);
    const name = arg.startsWith('--') ? raw : byShort.get(raw);
    const spec = name !== undefined && Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (name === undefined || spec === undefined) throw new UsageError(`unknown option ${arg.slice(0, eq === -1 ? undefined : eq)}`);
    if (spec.type === 'boolean') {
      if (eq !== -1) throw new UsageError(`option --${name} takes no value`);
      options[name] = true;
      continue;
    }
    let value: string | undefined = eq === -1 ? undefined : arg.slice(eq + 1);
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined) throw new UsageError(`option --${name} needs a value`);
      if (value.startsWith('-') && value !== '-') {
        throw new UsageError(`option --${name} needs a value, and "${value}" looks like an option (values must not start with "-")`);
      }
      i++;
    }
    options[name] = value;
  }
  if (positionals.length > maxPositionals) {
    const extra = positionals.slice(maxPositionals).join(' ');
    throw new UsageError(maxPositionals === 0 ? `unexpected argument: ${extra}` : `too many arguments: ${extra}`);
  }
  return { options: options as ParsedOptions<S>, positionals };
}

/**
 * What the Linux AppImage launcher passes right after the helper script, only so that the AppImage's
 * AppRun does not put its own `--no-sandbox` in front of the script (see src/main/appimage-helper.ts);
 * the helper drops it.
 */
export const APPIMAGE_NO_SANDBOX_ARG = '--no-sandbox';
