import { parseIni } from './ini';
import { fromRawLines, insertLine, removeLines, toRawLines, type RawLines } from './raw-lines';
import { isValidIdentifier, parseSectionKey, type SectionKey } from './section-key';
import type { IniDocument, IniSection } from './types';

type FileKind = 'config' | 'credentials';

/** Throws a clear error for a key the SDKs would not read back. */
function checkKey(key: string): void {
  if (/[\r\n]/.test(key)) throw new Error(`A property name cannot contain a line break: ${JSON.stringify(key)}.`);
  if (!isValidIdentifier(key)) {
    throw new Error(`"${key}" is not a property name the AWS CLI and SDKs accept (letters, digits and _-/.%@:+ only).`);
  }
}

/** Throws a clear error for a value that would not read back as written. */
function checkValue(key: string, value: string): void {
  if (/[\r\n]/.test(value)) throw new Error(`The value for "${key}" cannot contain a line break.`);
  if (value !== value.replace(/^[ \t]+|[ \t]+$/g, '')) throw new Error(`The value for "${key}" cannot start or end with a space or tab.`);
  if (/(^|\s)[#;]/.test(value)) {
    throw new Error(`The value for "${key}" cannot start with # or ; or contain " #" or " ;": the SDKs would read the rest as a comment.`);
  }
}

/** Parses the requested header and rejects one the SDKs could never read in this file. */
function targetKey(sectionHeader: string, fileKind: FileKind): SectionKey {
  if (/[\r\n\]]/.test(sectionHeader) || sectionHeader.trim() === '') {
    throw new Error(`"${sectionHeader}" is not a section name that can be written to an AWS ${fileKind} file.`);
  }
  const key = parseSectionKey(sectionHeader, fileKind);
  const wrongPlace =
    key.kind === 'other' ||
    (fileKind === 'credentials' && key.hasProfilePrefix) ||
    (fileKind === 'credentials' && key.kind !== 'profile') ||
    (fileKind === 'config' && key.kind === 'profile' && !key.hasProfilePrefix && key.name !== 'default');
  if (wrongPlace) throw new Error(`The AWS CLI and SDKs ignore a [${sectionHeader}] section in the ${fileKind} file.`);
  return key;
}

/** The sections that make up the requested one, as the SDKs read them (valid ones first). */
function targetSections(doc: IniDocument, key: SectionKey): IniSection[] {
  const same = doc.sections.filter((s) => s.kind === key.kind && s.name === key.name);
  const valid = same.filter((s) => s.valid);
  return valid.length > 0 ? valid : same.filter((s) => s.hasProfilePrefix === key.hasProfilePrefix);
}

/** Parses, checks and splits the text for an edit. */
function open(text: string, fileKind: FileKind, sectionHeader: string, file: string) {
  const doc = parseIni(text, file, fileKind);
  const key = targetKey(sectionHeader, fileKind);
  return { doc, raw: toRawLines(text), sections: targetSections(doc, key) };
}

/** Appends `[header]` (after a blank line) and returns its 1-based line number. */
function appendSection(raw: RawLines, doc: IniDocument, header: string): number {
  const hadFinalNewline = raw.lines.length === 0 || raw.terms[raw.lines.length - 1] !== '';
  if (raw.lines.length > 0 && raw.lines[raw.lines.length - 1]!.trim() !== '') insertLine(raw, raw.lines.length, '', doc.eol);
  insertLine(raw, raw.lines.length, `[${header.trim()}]`, doc.eol);
  if (hadFinalNewline) raw.terms[raw.lines.length - 1] = doc.eol;
  return raw.lines.length;
}

/** Rewrites the value on a `key = value` line, keeping the key, the spacing and any comment. */
function replaceValue(line: string, oldValue: string, value: string): string {
  const eq = line.indexOf('=');
  if (oldValue === '') {
    // Whatever follows '=' (spaces, a comment) stays after the new value.
    return value === '' ? line : `${line.slice(0, eq + 1)} ${value}${line.slice(eq + 1)}`;
  }
  const valueStart = eq + 1 + /^[ \t]*/.exec(line.slice(eq + 1))![0].length;
  return line.slice(0, valueStart) + value + line.slice(valueStart + oldValue.length);
}

/**
 * The `[section]` header for a profile, quoted when it has spaces: double quotes, the only quoting
 * the AWS CLI's own config writer finds again (recorded: `[profile "a b"]` is updated in place,
 * `[profile 'a b']` is not found and a duplicate `[profile a b]`, which botocore ignores, is appended).
 */
export function profileSectionHeader(name: string, fileKind: FileKind): string {
  const quoted = /[ \t]/.test(name) ? `"${name}"` : name;
  if (fileKind === 'credentials') return name;
  return name === 'default' ? 'default' : `profile ${quoted}`;
}

/**
 * Sets `key = value` in a section, changing only the line that must change: the last occurrence
 * (the one the SDKs use) is rewritten in place, keeping its key spelling and any comment; a new key
 * goes after the section's last property; a missing section is appended at the end.
 */
export function setProperty(text: string, fileKind: FileKind, sectionHeader: string, key: string, value: string, file = `AWS ${fileKind} file`): string {
  checkKey(key);
  checkValue(key, value);
  const { doc, raw, sections } = open(text, fileKind, sectionHeader, file);
  const wanted = key.toLowerCase();
  const existing = sections.flatMap((s) => s.properties).filter((p) => p.valid && p.key === wanted).pop();
  if (existing) {
    raw.lines[existing.line - 1] = replaceValue(raw.lines[existing.line - 1]!, existing.value.split('\n')[0]!, value);
    if (existing.endLine > existing.line) removeLines(raw, existing.line + 1, existing.endLine);
    return fromRawLines(raw);
  }
  const section = sections[sections.length - 1];
  const headerLine = section ? section.line : appendSection(raw, doc, sectionHeader);
  const lastProperty = section?.properties[section.properties.length - 1];
  insertLine(raw, lastProperty ? lastProperty.endLine : headerLine, `${key} = ${value}`, doc.eol);
  return fromRawLines(raw);
}

/** Removes every occurrence of `key` (with its continuation and sub-property lines) from a section. */
export function removeProperty(text: string, fileKind: FileKind, sectionHeader: string, key: string, file = `AWS ${fileKind} file`): string {
  const { raw, sections } = open(text, fileKind, sectionHeader, file);
  const wanted = key.toLowerCase();
  const spans = sections.flatMap((s) => s.properties).filter((p) => p.key === wanted);
  // Bottom-up, so earlier line numbers stay right.
  for (const p of spans.sort((a, b) => b.line - a.line)) removeLines(raw, p.line, p.endLine);
  return spans.length > 0 ? fromRawLines(raw) : text;
}

/** Makes sure the section exists (appending an empty one at the end if not); otherwise the text is unchanged. */
export function ensureSection(text: string, fileKind: FileKind, sectionHeader: string, file = `AWS ${fileKind} file`): string {
  const { doc, raw, sections } = open(text, fileKind, sectionHeader, file);
  if (sections.length > 0) return text;
  appendSection(raw, doc, sectionHeader);
  return fromRawLines(raw);
}
