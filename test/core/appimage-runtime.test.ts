import { describe, expect, it } from 'vitest';
import { isElectronRuntimeFile, MIN_NODE_MAJOR, nodeMajor } from '../../src/core/appimage-runtime';

describe('nodeMajor', () => {
  it('reads the major version of what node --version prints', () => {
    expect(nodeMajor('v20.0.0\n')).toBe(20);
    expect(nodeMajor('v22.12.1')).toBe(22);
    expect(nodeMajor('v23.0.0-nightly20240101abc\n')).toBe(23);
    expect(nodeMajor('v18.19.1\n')).toBe(18);
  });

  it('is null for anything that is not a Node version', () => {
    for (const text of ['', '20.1.0', 'v20', 'node v20.1.0', 'Welcome to Node.js v20.1.0.\n>', 'v20.1.0\nv21.0.0', 'vX.1.0']) expect(nodeMajor(text)).toBeNull();
  });

  it('asks for the Node version the helper bundle targets (scripts/build.mjs: node20)', () => {
    expect(MIN_NODE_MAJOR).toBe(20);
  });
});

describe('isElectronRuntimeFile', () => {
  // Electron's Linux dist (script/zip_manifests/dist_zip.linux.x64.manifest), top level, plus what an AppImage adds.
  const top = ['LICENSE', 'LICENSES.chromium.html', 'chrome-sandbox', 'chrome_100_percent.pak', 'chrome_200_percent.pak', 'chrome_crashpad_handler',
    'aws-login-tray', 'icudtl.dat', 'libEGL.so', 'libGLESv2.so', 'libffmpeg.so', 'libvk_swiftshader.so', 'libvulkan.so.1', 'resources.pak',
    'snapshot_blob.bin', 'v8_context_snapshot.bin', 'version', 'vk_swiftshader_icd.json', 'AppRun', 'aws-login-tray.desktop', 'aws-login-tray.png', '.DirIcon'];

  it('takes the executable, its libraries, ICU data, V8 snapshots and resources; not licences, the sandbox or AppImage files', () => {
    expect(top.filter((n) => isElectronRuntimeFile(n, 'aws-login-tray'))).toEqual(['chrome_100_percent.pak', 'chrome_200_percent.pak', 'chrome_crashpad_handler',
      'aws-login-tray', 'icudtl.dat', 'libEGL.so', 'libGLESv2.so', 'libffmpeg.so', 'libvk_swiftshader.so', 'libvulkan.so.1', 'resources.pak',
      'snapshot_blob.bin', 'v8_context_snapshot.bin', 'version', 'vk_swiftshader_icd.json']);
  });
});
