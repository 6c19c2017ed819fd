import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitCommandLine, splitWindowsCommandLine } from '../../src/core/command-line';
import { classifyProfile } from '../../src/core/profile-kind';
import {
  credentialProcessLine, launcherFileName, parseLauncherRuntime, POSIX_TEMPLATE, renderLauncher, WINDOWS_TEMPLATE,
} from '../../src/core/launcher-script';

const root = join(__dirname, '..', '..');

describe('launcher templates', () => {
  it('ship in launcher/ exactly as the code renders them', () => {
    expect(readFileSync(join(root, 'launcher', 'aws-login-tray-credential-process.sh'), 'utf8')).toBe(POSIX_TEMPLATE);
    expect(readFileSync(join(root, 'launcher', 'aws-login-tray-credential-process.cmd'), 'utf8')).toBe(WINDOWS_TEMPLATE);
  });
});

describe('renderLauncher', () => {
  const runtime = { execPath: "/Applications/AWS Login Tray.app/Contents/MacOS/AWS Login Tray", args: ["/x/it's/helper.cjs"], env: { ELECTRON_RUN_AS_NODE: '1' } };

  it('writes a POSIX script that execs the runtime with every argument, quoting each word', () => {
    const text = renderLauncher('darwin', runtime);
    expect(text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(text).toContain("ELECTRON_RUN_AS_NODE='1'; export ELECTRON_RUN_AS_NODE\n");
    expect(text).toContain(`exec '/Applications/AWS Login Tray.app/Contents/MacOS/AWS Login Tray' '/x/it'\\''s/helper.cjs' "$@"\n`);
    expect(parseLauncherRuntime(text)).toEqual(runtime);
  });

  it('writes a .cmd with CRLF, %* and %-escaping, and passes the exit code on', () => {
    const win = { execPath: 'C:\\Program Files\\AWS Login Tray\\AWS Login Tray.exe', args: ['C:\\x\\100%\\helper.cjs'], env: { ELECTRON_RUN_AS_NODE: '1' } };
    const text = renderLauncher('win32', win);
    expect(text.split('\r\n').length).toBeGreaterThan(5);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(text).toContain('set "ELECTRON_RUN_AS_NODE=1"\r\n');
    expect(text).toContain('"C:\\Program Files\\AWS Login Tray\\AWS Login Tray.exe" "C:\\x\\100%%\\helper.cjs" %*\r\n');
    expect(text).toContain('exit /b %ERRORLEVEL%');
    expect(parseLauncherRuntime(text)).toEqual(win);
    expect(launcherFileName('win32')).toBe('aws-login-tray-credential-process.cmd');
  });

  it('switches cmd.exe to UTF-8 before any line that can hold a non-ASCII path (C:\\Users\\José)', () => {
    const win = { execPath: 'C:\\Users\\Jos\u00e9\\AppData\\Local\\Programs\\AWS Login Tray\\AWS Login Tray.exe', args: ['C:\\Users\\Jos\u00e9\\helper.cjs'] };
    const text = renderLauncher('win32', win);
    const lines = text.split('\r\n');
    expect(lines.slice(0, 2)).toEqual(['@echo off', 'chcp 65001 >nul 2>&1']);
    // Nothing before the switch is outside ASCII (and no BOM), so it reads the same in any OEM code page.
    expect(/^[\x20-\x7e\r\n]*$/.test(lines.slice(0, 2).join('\r\n'))).toBe(true);
    const firstNonAscii = [...text].findIndex((c) => c.charCodeAt(0) > 0x7e);
    expect(firstNonAscii).toBeGreaterThan(text.indexOf('chcp 65001'));
    expect(text).toContain('"C:\\Users\\Jos\u00e9\\AppData\\Local\\Programs\\AWS Login Tray\\AWS Login Tray.exe" "C:\\Users\\Jos\u00e9\\helper.cjs" %*\r\n');
    expect(parseLauncherRuntime(text)).toEqual(win);
  });

  it('with a native fast path, runs it first and keeps its output only when it answered; otherwise execs the runtime as before', () => {
    const native = { path: "/opt/it's/native/credential-process", appHome: '/home/a/.config/aws-login-tray' };
    const text = renderLauncher('linux', { ...runtime, native });
    expect(text).toContain(
      `if out=$({ '/opt/it'\\''s/native/credential-process' '--app-home' '/home/a/.config/aws-login-tray' '--' "$@"; } 2>/dev/null) && [ -n "$out" ]; then printf '%s\\n' "$out"; exit 0; fi\n` +
        `exec '/Applications/AWS Login Tray.app/Contents/MacOS/AWS Login Tray' '/x/it'\\''s/helper.cjs' "$@"\n`,
    );
    expect(parseLauncherRuntime(text)).toEqual({ ...runtime, native });
    expect(renderLauncher('linux', runtime)).not.toContain('native');
    const win = renderLauncher('win32', { execPath: 'C:\\n\\node.exe', args: ['C:\\d\\helper.cjs'], native: { path: 'C:\\d\\native\\credential-process.exe', appHome: 'C:\\Users\\A\\AppData\\Roaming\\aws-login-tray' } });
    expect(win).toContain('"C:\\d\\native\\credential-process.exe" "--app-home" "C:\\Users\\A\\AppData\\Roaming\\aws-login-tray" "--" %* 2>nul && exit /b 0\r\n"C:\\n\\node.exe" "C:\\d\\helper.cjs" %*\r\n');
  });

  it('takes $ in paths as text (no replacement patterns)', () => {
    const text = renderLauncher('linux', { execPath: "/x/$'/node", args: ['/x/$&/helper.cjs'] });
    expect(text).toContain(`exec '/x/$'\\''/node' '/x/$&/helper.cjs' "$@"`);
  });

  it('refuses environment names that would break the script', () => {
    expect(() => renderLauncher('linux', { execPath: '/n', args: [], env: { 'A B': '1' } })).toThrow(/environment variable/);
  });
});

describe('credentialProcessLine', () => {
  it('leaves a plain path unquoted and splits back into the same words (shlex and Windows rules)', () => {
    const line = credentialProcessLine('/home/a/.config/aws-login-tray/bin/aws-login-tray-credential-process', 'dev-signin', 'linux');
    expect(line).toBe('/home/a/.config/aws-login-tray/bin/aws-login-tray-credential-process --profile dev-signin');
    expect(splitCommandLine(line)).toEqual(['/home/a/.config/aws-login-tray/bin/aws-login-tray-credential-process', '--profile', 'dev-signin']);
  });

  it('quotes a path with spaces so botocore and a shell both read one word', () => {
    const mac = '/Users/a/Library/Application Support/aws-login-tray/bin/aws-login-tray-credential-process';
    const line = credentialProcessLine(mac, 'dev-signin', 'darwin');
    expect(line).toBe(`"${mac}" --profile dev-signin`);
    expect(splitCommandLine(line)).toEqual([mac, '--profile', 'dev-signin']);
    const win = 'C:\\Users\\A B\\AppData\\Roaming\\aws-login-tray\\bin\\aws-login-tray-credential-process.cmd';
    expect(splitWindowsCommandLine(credentialProcessLine(win, 'dev-signin', 'win32'))).toEqual([win, '--profile', 'dev-signin']);
  });

  it('is recognised as our helper by classifyProfile', () => {
    const line = credentialProcessLine('/Users/a/Library/Application Support/x/bin/aws-login-tray-credential-process', 'dev-signin', 'darwin');
    expect(classifyProfile({ name: 'dev', properties: { credential_process: line }, sources: {}, sections: [] })).toEqual({ kind: 'auto-login', signinProfile: 'dev-signin', via: 'helper' });
  });

  it('refuses paths and names that cannot be quoted the same way for every reader', () => {
    expect(() => credentialProcessLine('/home/$USER/x/aws-login-tray-credential-process', 'dev', 'linux')).toThrow(/AWS_LOGIN_TRAY_HOME/);
    expect(() => credentialProcessLine('/x/aws-login-tray-credential-process', 'a%b', 'win32')).toThrow(/sign-in profile name/);
    expect(() => credentialProcessLine('/x/aws-login-tray-credential-process', '-x', 'linux')).toThrow(/sign-in profile name/);
  });
});
