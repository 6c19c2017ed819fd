// Which runtime a Linux AppImage's credential helper runs on: the pure rules (see README, "Linux AppImage").

/** The oldest Node.js major the helper bundle runs on: scripts/build.mjs targets node20, as package.json `engines` says. */
export const MIN_NODE_MAJOR = 20;

/** The major version in what `node --version` printed ("v22.3.0\n"), or null when that is not a Node version. */
export function nodeMajor(versionOutput: string): number | null {
  const m = /^v(\d+)\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.exec(versionOutput.trim());
  return m ? Number(m[1]) : null;
}

/**
 * Whether a top-level file of the AppImage's folder belongs to the copy of Electron that runs the
 * helper as Node: the executable, the libraries it loads from its own folder (libffmpeg.so, and the
 * GPU ones, cheap to take), ICU data (icudtl.dat), the V8 snapshots (*.bin), the .pak resources and
 * `version`. Not the app (resources/ is a folder), the setuid sandbox helper, licences or AppImage
 * integration (AppRun, .desktop, icons). Electron's Linux file list: electron's
 * script/zip_manifests/dist_zip.linux.x64.manifest.
 */
export function isElectronRuntimeFile(name: string, executableName: string): boolean {
  if (name === executableName || name === 'version' || name === 'chrome_crashpad_handler') return true;
  return name === 'vk_swiftshader_icd.json' || /\.(so(\.\d+)*|bin|dat|pak)$/.test(name);
}
