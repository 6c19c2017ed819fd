import { describe, expect, it } from 'vitest';
import { disableAutoLogin, enableAutoLogin, type AutoLoginUndo } from '../../../src/core/auto-login';
import { recordAfterEnable, settledRecord, type PendingEdit } from '../../../src/core/auto-login/journal';
import { textFingerprint } from '../../../src/core/auto-login/line-patch';

const FILE = '/home/a/.aws/config';
const SESSION = 'arn:aws:sts::123456789012:assumed-role/Admin/alice';
const ORIGINAL = `[profile dev]\nregion = eu-west-1\nlogin_session = ${SESSION}\n`;

function enable(text: string, launcher = '/app/bin/aws-login-tray-credential-process') {
  const r = enableAutoLogin({ configText: text, configFile: FILE, credentials: null, profile: 'dev', commandFor: (s) => `${launcher} --profile ${s}` });
  if (!r.ok) throw new Error(r.error.message);
  return r;
}

const on = enable(ORIGINAL);
const record = on.undo!;
const pending = (op: PendingEdit['op'], outcomes: PendingEdit['outcomes']): PendingEdit => ({ op, profile: 'dev', pid: 1, startedAt: 0, outcomes });

describe('settledRecord', () => {
  const enabling = pending('enable', [{ fingerprint: textFingerprint(ORIGINAL), record: null }, { fingerprint: textFingerprint(on.text), record }]);

  it('picks the record of the text the file holds', () => {
    expect(settledRecord(enabling, on.text, FILE)).toEqual(record);
    expect(settledRecord(enabling, ORIGINAL, FILE)).toBeNull();
  });

  it('when another program changed the file since, goes by what the file shows: auto-login on = the edit happened', () => {
    expect(settledRecord(enabling, `${on.text}[profile x]\n`, FILE)).toEqual(record);
    expect(settledRecord(enabling, `${ORIGINAL}[profile x]\n`, FILE)).toBeNull();
    expect(settledRecord(enabling, null, FILE)).toBeNull();
    const disabling = pending('disable', [{ fingerprint: textFingerprint(on.text), record }, { fingerprint: textFingerprint(ORIGINAL), record: null }]);
    expect(settledRecord(disabling, `${on.text}[profile x]\n`, FILE)).toEqual(record);
    expect(settledRecord(disabling, `${ORIGINAL}[profile x]\n`, FILE)).toBeNull();
  });
});

describe('recordAfterEnable', () => {
  it('a first enable keeps its own record; enabling again without a change keeps the first', () => {
    expect(recordAfterEnable(null, record, false, ORIGINAL, on.text)).toBe(record);
    expect(recordAfterEnable(record, null, true, on.text, on.text)).toBe(record);
  });

  it('repairing the helper line moves the exact undo onto the new text, so disable still restores the original bytes', () => {
    const again = enable(on.text, '/moved/bin/aws-login-tray-credential-process');
    expect(again.wasEnabled).toBe(true);
    const next = recordAfterEnable(record, again.undo, true, on.text, again.text) as AutoLoginUndo;
    expect(next.createdSignin).toBe(true);
    expect(next.movedLoginSession).toBe(true);
    const off = disableAutoLogin({ configText: again.text, configFile: FILE, credentials: null, profile: 'dev', undo: next });
    expect(off.ok && off.text).toBe(ORIGINAL);
    expect(off.ok && off.restoredExactly).toBe(true);
  });

  it('keeps the first record as it is when the file changed since it was made', () => {
    const changed = `${on.text}[profile x]\n`;
    const again = enable(changed, '/moved/bin/aws-login-tray-credential-process');
    expect(recordAfterEnable(record, again.undo, true, changed, again.text)).toBe(record);
  });
});
