import { statusCommand } from './status';
import type { Command } from './types';

/** Every CLI command, in the order `--help` lists them. Add a command: one file, one line here. */
export const COMMANDS: readonly Command[] = [
  statusCommand,
];
