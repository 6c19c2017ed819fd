import { APPIMAGE_NO_SANDBOX_ARG, isUsageError, parseArgs } from '../core/args';

const USAGE = 'Usage: credential-process --profile <signin-profile>';

/** The helper's command line: `--profile <signin-profile>` (also `--profile=<name>`), nothing else; the CLI's one parser. */
export function parseHelperArgs(argv: readonly string[]): { profile: string } | { error: string } {
  // `aws-login-tray credential-process --profile x` reaches here with the command name first.
  const args = (argv[0] === 'credential-process' ? argv.slice(1) : argv).filter((a, i) => !(i === 0 && a === APPIMAGE_NO_SANDBOX_ARG));
  try {
    const { options } = parseArgs(args, { profile: { type: 'string' } });
    if (!options.profile) return { error: `missing --profile <signin-profile>. ${USAGE}` };
    return { profile: options.profile };
  } catch (err) {
    if (isUsageError(err)) return { error: `${err.message}. ${USAGE}` };
    throw err;
  }
}
