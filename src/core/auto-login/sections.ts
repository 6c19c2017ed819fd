import { parseIni } from '../config/ini';
import { fromRawLines, removeLines, toRawLines } from '../config/raw-lines';
import { buildProfiles } from '../config/profiles';
import type { AwsProfile, IniDocument } from '../config/types';
import { classifyProfile, type KindInfo } from '../profile-kind';

/** The merged profiles (config + credentials) of a config text, as the SDKs would see them. */
export function profilesOf(configText: string, configFile: string, credentials: IniDocument | null): AwsProfile[] {
  return buildProfiles(parseIni(configText, configFile, 'config'), credentials).profiles;
}

/** How a profile gets credentials once its login_session is left aside (it may move). */
export function kindWithoutSession(profile: AwsProfile): KindInfo {
  const properties = { ...profile.properties };
  delete properties.login_session;
  return classifyProfile({ ...profile, properties });
}

/** Other profiles whose credential_process logs in through `signin`. */
export function usersOf(profiles: AwsProfile[], signin: string, except: string): string[] {
  return profiles.filter((p) => p.name !== except && kindWithoutSession(p).signinProfile === signin).map((p) => p.name);
}

/** Removes the profile's config sections that hold no property (and the blank line we put before them). */
export function removeEmptyProfileSection(text: string, configFile: string, name: string): string {
  const doc = parseIni(text, configFile, 'config');
  const raw = toRawLines(text);
  const empty = doc.sections.filter((s) => s.kind === 'profile' && s.name === name && s.properties.length === 0);
  for (const s of empty.sort((a, b) => b.line - a.line)) {
    const body = raw.lines.slice(s.line, s.endLine);
    if (body.some((l) => l.trim() !== '')) continue; // keep a section holding comments
    let first = s.line;
    if (first > 1 && raw.lines[first - 2]!.trim() === '' && s.endLine === raw.lines.length) first--;
    removeLines(raw, first, s.endLine);
  }
  return fromRawLines(raw);
}

/** `FILE:LINE` of a profile's property, for messages. */
export function whereIs(profile: AwsProfile, key: string): string {
  const src = profile.sources[key];
  return src ? `${src.file}:${src.line}` : profile.name;
}

/** One definition of "our helper's line", in profile-kind.ts (the switch and enable/disable agree). */
export { isOurHelperLine } from '../profile-kind';
