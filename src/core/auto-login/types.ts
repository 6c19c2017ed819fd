import type { UserError } from '../errors';
import type { LineHunk } from './line-patch';

/** What enable-auto-login did, kept in app state so disable-auto-login can put the file back. */
export interface AutoLoginUndo {
  configFile: string;
  profile: string;
  signinProfile: string;
  /** sha256 of the config text right after our edit: equal now = nothing else changed. */
  afterFingerprint: string;
  /** Turns that text back into the original bytes (only the changed lines are kept). */
  hunks: LineHunk[];
  /** The sign-in profile's section did not exist before. */
  createdSignin: boolean;
  /** login_session moved from the profile to the sign-in profile. */
  movedLoginSession: boolean;
  /** We wrote region into the sign-in profile. */
  addedSigninRegion: boolean;
  /** The region we wrote into the profile itself because it had none (absent in records from older versions). */
  addedProfileRegion?: string | null;
  /** The credential_process line we replaced (the shell recipe), or null. */
  previousCredentialProcess: string | null;
}

/** The result of planning an edit: the new text and what it means, or why we refuse. */
export type AutoLoginEdit<T> = ({ ok: true; text: string; changed: boolean; notes: string[] } & T) | { ok: false; error: UserError };
