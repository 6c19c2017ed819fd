import type { Env, FilePort, Platform } from '../core/ports';
import type { FastPathSource } from '../node/fast-path-record';
import type { SigninState } from './read-signin';

/** A FilePort that remembers the last text read from each path, to record exactly what was parsed. */
export function recordingFilePort(files: FilePort): { files: FilePort; texts: Map<string, string | null> } {
  const texts = new Map<string, string | null>();
  return {
    texts,
    files: {
      ...files,
      readText(path: string): string | null {
        const text = files.readText(path);
        texts.set(path, text);
        return text;
      },
    },
  };
}

/** What the fast-path record of a sign-in profile is made of, or null when it has no session to point at. */
export function fastPathSource(
  signinProfile: string, state: SigninState, texts: ReadonlyMap<string, string | null>, env: Env, platform: Platform,
): FastPathSource | null {
  if (!state.profile || !state.loginSession || state.cache.kind === 'none') return null;
  const { configFile, credentialsFile, loginCacheDir } = state.paths;
  if (!texts.has(configFile) || !texts.has(credentialsFile)) return null;
  return {
    signinProfile, env, platform, configFile, configText: texts.get(configFile)!, credentialsFile,
    credentialsText: texts.get(credentialsFile)!, loginCacheDir, cacheFile: state.cache.file,
  };
}
