import type { BuildOptions } from 'esbuild';

/** Builds dist/cli.cjs plus one cli-<name>.cjs per command (see cli-build.mjs). */
export function buildCli(root: string, outdir: string, base: BuildOptions): Promise<void>;
