import { profileSectionHeader, removeProperty, setProperty } from '../config/edit';
import type { IniDocument } from '../config/types';
import { applyLineHunks, textFingerprint } from './line-patch';
import { isOurHelperLine, kindWithoutSession, profilesOf, removeEmptyProfileSection, usersOf } from './sections';
import type { AutoLoginEdit, AutoLoginUndo } from './types';

export interface DisableInput {
  configText: string;
  configFile: string;
  credentials: IniDocument | null;
  profile: string;
  /** What enable-auto-login recorded for this profile and file, if anything. */
  undo: AutoLoginUndo | null;
}

/**
 * Undoes enable-auto-login. When the file is exactly as our edit left it, the original bytes come
 * back. Otherwise the profile loses our credential_process (getting back the recipe line it had, or
 * the sign-in profile's login_session when no other profile uses that one) and a sign-in profile we
 * created is removed once nothing else needs it.
 */
export function disableAutoLogin(input: DisableInput): AutoLoginEdit<{ signinProfile: string; restoredExactly: boolean }> {
  const { configFile, profile: name, undo } = input;
  if (undo && undo.profile === name && textFingerprint(input.configText) === undo.afterFingerprint) {
    const text = applyLineHunks(input.configText, undo.hunks);
    return { ok: true, text, changed: text !== input.configText, notes: [`Restored ${configFile} exactly as it was before enable-auto-login.`], signinProfile: undo.signinProfile, restoredExactly: true };
  }
  const profiles = profilesOf(input.configText, configFile, input.credentials);
  const p = profiles.find((x) => x.name === name);
  const kind = p ? kindWithoutSession(p) : null;
  const line = p?.properties.credential_process ?? null;
  if (!p || !kind || kind.kind !== 'auto-login' || !kind.signinProfile || line === null || !isOurHelperLine(line)) {
    return {
      ok: false,
      error: { code: 'invalid-argument', message: `Profile ${name} in ${configFile} does not use aws-login-tray auto-login; nothing to disable.`, hint: 'See which profiles do with `aws-login-tray status`.' },
    };
  }
  const signin = kind.signinProfile;
  const pHeader = profileSectionHeader(name, 'config');
  const sHeader = profileSectionHeader(signin, 'config');
  const previous = undo && undo.profile === name ? undo.previousCredentialProcess : null;
  const notes: string[] = [];
  if (undo && undo.profile === name) {
    notes.push(`${configFile} changed since enable-auto-login (another program, such as aws login, rewrote it), so each of its changes was undone instead of restoring the old bytes; the other changes stay.`);
  }
  let text = previous
    ? setProperty(input.configText, 'config', pHeader, 'credential_process', previous, configFile)
    : removeProperty(input.configText, 'config', pHeader, 'credential_process', configFile);
  notes.push(previous ? `Put back the previous credential_process of ${name}.` : `Removed credential_process from ${name}.`);
  const addedRegion = undo && undo.profile === name ? (undo.addedProfileRegion ?? null) : null;
  if (addedRegion !== null && p.properties.region === addedRegion && p.sources.region?.file === configFile) {
    text = removeProperty(text, 'config', pHeader, 'region', configFile);
    notes.push(`Removed region = ${addedRegion} from ${name}, which enable-auto-login had added.`);
  }
  const shared = usersOf(profiles, signin, name);
  const s = profiles.find((x) => x.name === signin);
  const ours = undo !== null && undo.profile === name && undo.signinProfile === signin;
  if (!previous && shared.length === 0 && s) {
    const session = s.properties.login_session;
    // Take the session back only from a sign-in profile that enable-auto-login filled or created.
    if (ours && (undo.movedLoginSession || undo.createdSignin) && session && s.sources.login_session?.file === configFile && !p.properties.login_session) {
      text = setProperty(text, 'config', pHeader, 'login_session', session, configFile);
      text = removeProperty(text, 'config', sHeader, 'login_session', configFile);
      notes.push(`Moved login_session back from ${signin} to ${name}.`);
    }
    if (ours && undo.createdSignin) {
      if (undo.addedSigninRegion) text = removeProperty(text, 'config', sHeader, 'region', configFile);
      const before = text;
      text = removeEmptyProfileSection(text, configFile, signin);
      if (text !== before) notes.push(`Removed the sign-in profile ${signin}, which enable-auto-login had created.`);
    }
  } else if (shared.length > 0) {
    notes.push(`Kept ${signin}: ${shared.join(', ')} still log${shared.length === 1 ? 's' : ''} in through it.`);
  }
  return { ok: true, text, changed: text !== input.configText, notes, signinProfile: signin, restoredExactly: false };
}
