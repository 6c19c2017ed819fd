import { parseIni } from './ini';
import type { AwsPaths } from './locations';
import { buildProfiles } from './profiles';
import type { AwsProfile, IniDocument } from './types';
import type { FilePort } from '../ports';

/**
 * The config and credentials files as read once for one request, parsed, with the merged profiles:
 * handed down so the checks, the action and the status push that follows share one read.
 */
export interface ProfileSnapshot {
  paths: AwsPaths;
  config: IniDocument | null;
  credentials: IniDocument | null;
  profiles: AwsProfile[];
}

/** Reads and parses both files once. Throws AwsConfigError for a file the SDKs reject, and I/O errors. */
export function readProfileSnapshot(files: FilePort, paths: AwsPaths): ProfileSnapshot {
  const read = (file: string, kind: 'config' | 'credentials'): IniDocument | null => {
    const text = files.readText(file);
    return text === null ? null : parseIni(text, file, kind);
  };
  const config = read(paths.configFile, 'config');
  const credentials = read(paths.credentialsFile, 'credentials');
  return { paths, config, credentials, profiles: buildProfiles(config, credentials).profiles };
}

/** A snapshot still describes `paths` (the environment may have moved the files since). */
export function snapshotFor(snapshot: ProfileSnapshot | undefined, paths: AwsPaths): ProfileSnapshot | undefined {
  if (!snapshot) return undefined;
  const s = snapshot.paths;
  return s.configFile === paths.configFile && s.credentialsFile === paths.credentialsFile ? snapshot : undefined;
}
