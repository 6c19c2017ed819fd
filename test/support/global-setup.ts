// vitest globalSetup: every temp folder the tests make (mkdtemp under os.tmpdir(), in this process,
// the test workers and the processes they start) goes under one folder for this run, removed at
// its end, so runs leave nothing behind in /tmp.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'alt-test-run-'));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
