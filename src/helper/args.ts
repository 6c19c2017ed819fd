/** The helper's command line: `--profile <signin-profile>` (also `--profile=<name>`), nothing else. */
export function parseHelperArgs(argv: readonly string[]): { profile: string } | { error: string } {
  let profile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === 'credential-process' && i === 0) continue; // `aws-login-tray credential-process --profile x`
    if (a === '--profile') profile = argv[++i];
    else if (a.startsWith('--profile=')) profile = a.slice('--profile='.length);
    else return { error: `unexpected argument "${a}". Usage: credential-process --profile <signin-profile>` };
  }
  if (!profile || profile.startsWith('-')) {
    return { error: 'missing --profile <signin-profile>. Usage: credential-process --profile <signin-profile>' };
  }
  return { profile };
}
