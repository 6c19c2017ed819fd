import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { disableAutoLoginCommand } from '../../src/cli/commands/disable-auto-login';
import { enableAutoLoginCommand } from '../../src/cli/commands/enable-auto-login';
import { capturedContext } from '../support/cli-context';
import { FAKE_SESSION, makeAwsSandbox } from '../support/fake-aws';

/**
 * Another program that rewrites the config in place, as the AWS CLI does (`aws configure set`), again
 * and again: open the path, truncate, write in two pieces, pause. A reader can see it empty or half written.
 */
const WRITER = `
  const fs = require('node:fs');
  const [file, stop, text] = process.argv.slice(1);
  const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const half = Math.floor(text.length / 2);
  for (let i = 0; !fs.existsSync(stop) && i < 100000; i++) {
    const fd = fs.openSync(file, 'r+');
    fs.ftruncateSync(fd, 0);
    pause(2);
    fs.writeSync(fd, text.slice(0, half), 0);
    pause(2);
    fs.writeSync(fd, text.slice(half), half);
    fs.closeSync(fd);
    pause(25 + (i % 5) * 5);
  }`;

describe('enable/disable while another program rewrites the config in place', () => {
  it('never refuses with a false "no profile named" or a parse error of a half-written file', async () => {
    const config = `# team config\n[profile other]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`;
    const sb = makeAwsSandbox(config);
    const helper = join(sb.root, 'helper.cjs');
    writeFileSync(helper, '');
    const stop = join(sb.root, 'stop');
    const writer = spawn(process.execPath, ['-e', WRITER, sb.configFile, stop, config], { stdio: 'ignore' });
    const spurious: string[] = [];
    try {
      for (let i = 0; i < 100; i++) {
        const ctx = capturedContext({ ...sb.env, AWS_LOGIN_TRAY_HELPER_SCRIPT: helper });
        await (i % 2 === 0 ? enableAutoLoginCommand : disableAutoLoginCommand).run(['dev'], ctx);
        if (/no profile named|config:\d+:/i.test(ctx.err())) spurious.push(ctx.err().split('\n')[0]!);
      }
    } finally {
      writeFileSync(stop, '');
      await new Promise((resolve) => writer.on('exit', resolve));
    }
    expect(spurious).toEqual([]);
  }, 120_000);
});
