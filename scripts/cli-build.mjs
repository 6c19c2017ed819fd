// Bundles the CLI as dist/cli.cjs (argument parsing, the command list) plus one dist/cli-<name>.cjs
// per command file, which cli.cjs loads only when that command runs: a command that pulls in
// execa or the AWS SDK never slows `status` (benchmarked by bench/status.mjs) or `--version`.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const COMMANDS_DIR = join('src', 'cli', 'commands');
const NOT_COMMANDS = new Set(['index.ts', 'types.ts']);

/**
 * Turns `import('./x')` in src/cli/commands/*.ts (the registry, and commands that load a heavy part
 * only for one option, like `status --refresh`) into a lazy `require('./cli-x.cjs')` (plain
 * require: a real import() would start Node's ESM loader, which costs start-up time).
 */
function splitCommands(commandsDir) {
  return {
    name: 'split-cli-commands',
    setup(b) {
      b.onResolve({ filter: /^\.\/[a-z0-9-]+$/ }, (args) => {
        if (args.kind !== 'dynamic-import' || dirname(args.importer) !== commandsDir) return undefined;
        return { path: args.path.slice(2), namespace: 'cli-command' };
      });
      b.onLoad({ filter: /.*/, namespace: 'cli-command' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(`./cli-${args.path}.cjs`)});`,
        loader: 'js',
      }));
      b.onResolve({ filter: /^\.\/cli-[a-z0-9-]+\.cjs$/, namespace: 'cli-command' }, (args) => ({ path: args.path, external: true }));
    },
  };
}

/** Builds the CLI bundles into `outdir` with the shared esbuild options `base` (cjs, node20). */
export async function buildCli(root, outdir, base) {
  const commands = readdirSync(join(root, COMMANDS_DIR)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !NOT_COMMANDS.has(f));
  await build({
    ...base,
    entryPoints: [
      { in: join(root, 'src', 'cli', 'index.ts'), out: 'cli' },
      ...commands.map((f) => ({ in: join(root, COMMANDS_DIR, f), out: `cli-${f.slice(0, -3)}` })),
    ],
    outdir,
    outExtension: { '.js': '.cjs' },
    plugins: [splitCommands(join(root, COMMANDS_DIR))],
  });
}
