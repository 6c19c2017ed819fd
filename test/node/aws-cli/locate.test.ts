import { describe, expect, it } from 'vitest';
import { awsCliSearchList, locateAwsCli, type LocateDeps } from '../../../src/node/aws-cli/locate';

const deps = (over: Partial<LocateDeps>, files: string[]): LocateDeps => ({
  env: {}, platform: 'linux', homedir: '/home/u', exists: (p) => files.includes(p), ...over,
});

describe('locateAwsCli', () => {
  it('prefers the setting, then AWS_LOGIN_TRAY_AWS_CLI, and does not fall back from them', () => {
    const d = deps({ env: { AWS_LOGIN_TRAY_AWS_CLI: '/e/aws', PATH: '/bin' } }, ['/s/aws', '/e/aws', '/bin/aws']);
    expect(locateAwsCli('/s/aws', d)).toEqual({ path: '/s/aws', source: 'setting' });
    expect(locateAwsCli(null, d)).toEqual({ path: '/e/aws', source: 'env' });
    expect(locateAwsCli('/missing/aws', d)).toBeNull();
  });

  it('searches PATH in order, then the install folders a GUI app lacks', () => {
    expect(locateAwsCli(null, deps({ env: { PATH: '/a:/b' } }, ['/b/aws', '/usr/local/bin/aws']))).toEqual({ path: '/b/aws', source: 'path' });
    expect(locateAwsCli(null, deps({ env: { PATH: '/a' } }, ['/home/u/.local/bin/aws']))).toEqual({ path: '/home/u/.local/bin/aws', source: 'known-folder' });
    expect(locateAwsCli(null, deps({ platform: 'darwin', env: { PATH: '/usr/bin' } }, ['/opt/homebrew/bin/aws']))?.path).toBe('/opt/homebrew/bin/aws');
    expect(locateAwsCli(null, deps({ env: { PATH: '/a' } }, []))).toBeNull();
  });

  it('knows Windows: Path in any case, aws.exe, Program Files', () => {
    const d = deps({ platform: 'win32', homedir: 'C:\\Users\\u', env: { Path: 'C:\\tools;C:\\x', ProgramFiles: 'D:\\PF' } }, ['D:\\PF\\Amazon\\AWSCLIV2\\aws.exe']);
    expect(awsCliSearchList(null, d).map((c) => c.path)).toContain('C:\\tools\\aws.exe');
    // Node cannot start a .cmd without a shell (EINVAL): never pick one from PATH.
    expect(awsCliSearchList(null, d).filter((c) => /\.cmd$/i.test(c.path))).toEqual([]);
    expect(locateAwsCli(null, deps({ platform: 'win32', env: { Path: 'C:\\tools' } }, ['C:\\tools\\aws.cmd']))).toBeNull();
    expect(locateAwsCli(null, d)).toEqual({ path: 'D:\\PF\\Amazon\\AWSCLIV2\\aws.exe', source: 'known-folder' });
  });
});
