import { trimSpaceTab } from './trim';
import type { SectionKind } from './types';

/** Characters the SDKs allow in profile, sso-session, services and property names. */
const IDENTIFIER = /^[A-Za-z0-9_\-/.%@:+]+$/;

/** True for a name the SDKs accept as a profile / section / property identifier. */
export function isValidIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** What a `[...]` header means, before file-wide rules ([profile default] beats [default]). */
export interface SectionKey {
  kind: SectionKind;
  name: string;
  hasProfilePrefix: boolean;
  valid: boolean;
}

const PREFIX_KINDS: Readonly<Record<string, SectionKind>> = {
  profile: 'profile',
  'sso-session': 'sso-session',
  services: 'services',
};

/** `"x"` or `'x'` -> x; the JS SDK and botocore accept a quoted name, so we do too. */
function unquote(name: string): string {
  const m = /^(["'])(.*)\1$/s.exec(name);
  return m ? m[2]! : name;
}

/**
 * Classifies a header's inner text as smithy-rs' SectionKey does: split at the first space or tab
 * into prefix and name; the config file needs a prefix (except `default`), the credentials file
 * must have none.
 */
export function parseSectionKey(inner: string, fileKind: 'config' | 'credentials'): SectionKey {
  const key = trimSpaceTab(inner);
  const split = /^([^ \t]+)[ \t]+(.*)$/s.exec(key);
  if (split) {
    const prefix = split[1]!;
    const name = unquote(split[2]!.trim());
    const kind: SectionKind = Object.hasOwn(PREFIX_KINDS, prefix) ? PREFIX_KINDS[prefix]! : 'other';
    const valid = fileKind === 'config' && kind !== 'other' && isValidIdentifier(name);
    return { kind, name, hasProfilePrefix: kind === 'profile', valid };
  }
  const valid = fileKind === 'config' ? key === 'default' : isValidIdentifier(key);
  return { kind: 'profile', name: key, hasProfilePrefix: false, valid };
}
