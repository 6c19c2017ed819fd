import type { Command } from './types';

/**
 * A command's name and how to load its file. Commands load only when run (or listed by --help),
 * so one command's heavy modules (execa, the AWS SDK) never slow another down: `status` is
 * benchmarked (bench/status.mjs).
 */
export interface CommandEntry {
  name: string;
  load(): Promise<Command>;
}

/** Every CLI command, in the order `--help` lists them. Add a command: one file, one line here. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'status', load: () => import('./status').then((m) => m.statusCommand) },
  { name: 'login', load: () => import('./login').then((m) => m.loginCommand) },
  { name: 'logout', load: () => import('./logout').then((m) => m.logoutCommand) },
  { name: 'enable-auto-login', load: () => import('./enable-auto-login').then((m) => m.enableAutoLoginCommand) },
  { name: 'disable-auto-login', load: () => import('./disable-auto-login').then((m) => m.disableAutoLoginCommand) },
  { name: 'doctor', load: () => import('./doctor').then((m) => m.doctorCommand) },
  { name: 'credential-process', load: () => import('./credential-process').then((m) => m.credentialProcessCommand) },
];
