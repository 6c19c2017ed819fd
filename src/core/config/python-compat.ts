import { isValidIdentifier } from './section-key';
import type { IniDocument } from './types';

/**
 * What the Python clients (the AWS CLI, boto3/botocore: configparser underneath) reject or read
 * differently from the JS SDK and this app, each naming the file and line. Checked against
 * Debian's botocore and /usr/bin/aws in test/core/config/python-compat.test.ts.
 */
export interface CompatFinding {
  file: string;
  line: number;
  /** The profile concerned, when one is. */
  profile: string | null;
  /** 'refused': Python refuses the whole file; 'differs': Python reads it differently; 'js-only-drops': only the JS SDK (and so this app) ignores it. */
  effect: 'refused' | 'differs' | 'js-only-drops';
  message: string;
  fix: string;
}

const PROFILE_HEADER = /^[ \t]*profile[ \t]+/;

/** The profile name a header names for botocore (`profile x`, `"x"` quoted; `default` bare in config). */
function headerProfile(inner: string, fileKind: 'config' | 'credentials'): { name: string; quoted: boolean } | null {
  if (fileKind === 'credentials') return { name: inner.trim(), quoted: false };
  if (inner.trim() === 'default') return { name: 'default', quoted: false };
  if (!PROFILE_HEADER.test(inner)) return null;
  const name = inner.replace(PROFILE_HEADER, '').trim();
  const m = /^(["'])(.*)\1$/.exec(name);
  return m ? { name: m[2]!, quoted: true } : { name, quoted: false };
}

/** Every finding for one parsed file. */
export function pythonCompatFindings(doc: IniDocument): CompatFinding[] {
  const out: CompatFinding[] = [];
  const where = `${doc.file}`;
  if (doc.bom) {
    out.push({
      file: where, line: 1, profile: null, effect: 'refused',
      message: `${where}:1 starts with a byte-order mark (BOM): the AWS CLI and boto3 refuse the whole file ("Unable to parse config file"), while the JS SDK and this app read it`,
      fix: 'Save the file as UTF-8 without a BOM (in most editors: "UTF-8", not "UTF-8 with BOM").',
    });
  }
  const seenHeaders = new Map<string, number>();
  for (const section of doc.sections) {
    const rawHeader = doc.lines[section.line - 1] ?? '';
    const open = rawHeader.indexOf('[');
    const close = rawHeader.lastIndexOf(']');
    const inner = open >= 0 && close > open ? rawHeader.slice(open + 1, close) : section.header;
    const named = section.kind === 'profile' ? headerProfile(inner, doc.fileKind) : null;
    const profile = named?.name ?? null;
    const first = seenHeaders.get(inner);
    if (first !== undefined) {
      out.push({
        file: where, line: section.line, profile, effect: 'refused',
        message: `${where}:${section.line} repeats the section [${inner}] of line ${first}: the AWS CLI and boto3 refuse the whole file, while the JS SDK and this app merge the two`,
        fix: `Move the lines of this section into the first [${inner}] (line ${first}) and delete this header.`,
      });
    } else {
      seenHeaders.set(inner, section.line);
    }
    if (inner !== inner.trim() && section.kind === 'profile') {
      out.push({
        file: where, line: section.line, profile, effect: 'differs',
        message: `${where}:${section.line} has spaces inside the brackets ([${inner}]): the AWS CLI and boto3 do not see this profile at all, while the JS SDK and this app do`,
        fix: `Write the header as [${inner.trim()}].`,
      });
    }
    const seenKeys = new Map<string, number>();
    for (const p of section.properties) {
      const firstKey = seenKeys.get(p.key);
      if (firstKey !== undefined) {
        out.push({
          file: where, line: p.line, profile, effect: 'refused',
          message: `${where}:${p.line} sets ${p.key} a second time in [${inner.trim()}] (first on line ${firstKey}): the AWS CLI and boto3 refuse the whole file, while the JS SDK and this app take the last one`,
          fix: `Delete one of the two ${p.key} lines.`,
        });
      } else {
        seenKeys.set(p.key, p.line);
      }
      if (p.key === 'login_session') {
        const raw = doc.lines[p.line - 1] ?? '';
        const value = raw.slice(raw.indexOf('=') + 1).trim();
        if (/[ \t][#;]/.test(value)) {
          out.push({
            file: where, line: p.line, profile, effect: 'differs',
            message: `${where}:${p.line} has a comment after login_session: the AWS CLI and boto3 keep "${value}" as the session name and cannot find its login, while the JS SDK and this app drop the comment`,
            fix: 'Move the comment to a line of its own (starting with #).',
          });
        }
      }
    }
    // Names the JS SDK drops but Python reads: quoted names with spaces, non-ASCII letters.
    // (Unquoted names with spaces are ignored by botocore too: nothing differs.)
    const pythonReads = named !== null && (named.quoted || !/\s/.test(named.name));
    if (section.kind === 'profile' && !section.valid && pythonReads && profile !== null && profile !== '' && !isValidIdentifier(profile) && !/[\][]/.test(profile)) {
      out.push({
        file: where, line: section.line, profile, effect: 'js-only-drops',
        message: `${where}:${section.line}: the profile "${profile}" works with the AWS CLI and boto3, but the JS SDK ignores it (its name has characters outside A-Z a-z 0-9 - _ . / % @ : +), so this app cannot show its session or log it in`,
        fix: 'Rename the profile with letters, digits and - _ . only (and update whatever uses the old name).',
      });
    }
  }
  return out;
}
