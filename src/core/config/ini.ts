import { trimSpaceTab } from './trim';
import { isValidIdentifier, parseSectionKey } from './section-key';
import { AwsConfigError, type IniDocument, type IniProperty, type IniSection } from './types';

type FileKind = 'config' | 'credentials';

/** Splits text into lines the way the SDKs read it, remembering BOM, EOL and final newline. */
export function splitLines(text: string): Pick<IniDocument, 'lines' | 'eol' | 'bom' | 'finalNewline'> {
  const bom = text.startsWith('\uFEFF');
  const body = bom ? text.slice(1) : text;
  const finalNewline = body.endsWith('\n');
  const firstLf = body.indexOf('\n');
  const eol = firstLf > 0 && body[firstLf - 1] === '\r' ? '\r\n' : '\n';
  if (body === '') return { lines: [], eol, bom, finalNewline };
  const raw = body.split('\n');
  if (finalNewline) raw.pop();
  const last = raw.length - 1;
  // A '\r' is part of the line ending only when a '\n' follows it (as Rust's str::lines reads it).
  const lines = raw.map((l, i) => (l.endsWith('\r') && (i < last || finalNewline) ? l.slice(0, -1) : l));
  return { lines, eol, bom, finalNewline };
}

const COMMENT_START = /[#;]/;

/** Trims spaces/tabs and cuts a `#`/`;` comment (in values only after whitespace, as the SDKs do). */
function prepareLine(line: string, commentsNeedWhitespace: boolean): string {
  const trimmed = trimSpaceTab(line);
  // Fast path: most lines hold no comment character at all (matters for 1,000-profile configs).
  if (!trimmed.includes('#') && !trimmed.includes(';')) return trimmed;
  let prevWhitespace = false;
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i]!;
    if (COMMENT_START.test(ch) && (prevWhitespace || !commentsNeedWhitespace)) {
      return trimSpaceTab(trimmed.slice(0, i));
    }
    prevWhitespace = /\s/.test(ch);
  }
  return trimmed;
}

const NEXT_STEP = 'Fix or remove that line; the AWS CLI and SDKs cannot read this file either.';

/** Throws the SDKs' error for a bad line, naming file and line. */
function fail(file: string, line: number, sdkWording: string): never {
  throw new AwsConfigError(file, line, `${sdkWording}. ${NEXT_STEP}`);
}

/** `key = value` -> [key, value], or the SDKs' error for a property / sub-property. */
function parsePropertyLine(line: string, what: 'property' | 'sub-property', file: string, lineNo: number): [string, string] {
  const prepared = prepareLine(line, true);
  const eq = prepared.indexOf('=');
  if (eq < 0) fail(file, lineNo, `Expected an '=' sign defining a ${what}`);
  const key = trimSpaceTab(prepared.slice(0, eq));
  const value = trimSpaceTab(prepared.slice(eq + 1));
  if (key === '') fail(file, lineNo, `${what === 'property' ? 'Property' : 'Sub-property'} did not have a name`);
  return [key, value];
}

/**
 * Parses an AWS config or credentials file exactly as the SDKs do (smithy-rs' shared-config
 * parser, checked against the SDK conformance cases), keeping every line number so the file can
 * later be edited line by line. Throws AwsConfigError for a file the SDKs would reject.
 */
export function parseIni(text: string, file: string, fileKind: FileKind): IniDocument {
  const layout = splitLines(text);
  const sections: IniSection[] = [];
  let section: IniSection | null = null;
  let property: IniProperty | null = null;
  let readingSubProperties = false;

  for (let index = 0; index < layout.lines.length; index++) {
    const line = layout.lines[index]!;
    const lineNo = index + 1;
    // First character decides the line's type (char codes: this loop runs on every line).
    const first = line.charCodeAt(0);
    if (first === 35 /* # */ || first === 59 /* ; */ || line.trim() === '') continue;
    if (first === 91 /* [ */) {
      const prepared = prepareLine(line, false);
      if (!prepared.endsWith(']')) fail(file, lineNo, "Profile definition must end with ']'");
      if (section) section.endLine = lineNo - 1;
      const inner = prepared.slice(1, -1);
      const key = parseSectionKey(inner, fileKind);
      section = {
        header: inner.trim(),
        kind: key.kind,
        name: key.name,
        hasProfilePrefix: key.hasProfilePrefix,
        valid: key.valid,
        line: lineNo,
        endLine: lineNo,
        properties: [],
      };
      sections.push(section);
      property = null;
      continue;
    }
    if (!section) fail(file, lineNo, 'Expected a profile definition');
    if (first === 32 || first === 9) {
      if (!property) fail(file, lineNo, 'Expected a property definition, found continuation');
      if (readingSubProperties) parsePropertyLine(line, 'sub-property', file, lineNo);
      property.value += `\n${line.trim()}`;
      property.endLine = lineNo;
      continue;
    }
    const [key, value] = parsePropertyLine(line, 'property', file, lineNo);
    property = { key: key.toLowerCase(), value, line: lineNo, endLine: lineNo, valid: isValidIdentifier(key) };
    readingSubProperties = value === '';
    section.properties.push(property);
  }
  if (section) section.endLine = Math.max(section.line, layout.lines.length);

  if (fileKind === 'config') {
    // smithy-rs: when [profile default] exists, [default] in the same file is ignored.
    const prefixedDefault = sections.some((s) => s.valid && s.kind === 'profile' && s.name === 'default' && s.hasProfilePrefix);
    if (prefixedDefault) {
      for (const s of sections) if (s.kind === 'profile' && s.name === 'default' && !s.hasProfilePrefix) s.valid = false;
    }
  }
  return { file, fileKind, ...layout, sections };
}
