/** A file's text as lines that keep their own terminators, so untouched lines stay byte-identical. */
export interface RawLines {
  bom: string;
  /** Line contents, same numbering as IniDocument.lines (lines[0] is line 1). */
  lines: string[];
  /** Each line's own terminator: '\n', '\r\n', or '' for a last line without one. */
  terms: string[];
}

/** Splits text exactly as splitLines in ini.ts numbers it, keeping each terminator. */
export function toRawLines(text: string): RawLines {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const lines: string[] = [];
  const terms: string[] = [];
  let start = 0;
  while (start < body.length) {
    const lf = body.indexOf('\n', start);
    if (lf < 0) {
      lines.push(body.slice(start));
      terms.push('');
      break;
    }
    const crlf = lf > start && body[lf - 1] === '\r';
    lines.push(body.slice(start, crlf ? lf - 1 : lf));
    terms.push(crlf ? '\r\n' : '\n');
    start = lf + 1;
  }
  return { bom, lines, terms };
}

/** Joins the lines back into text. */
export function fromRawLines(raw: RawLines): string {
  let out = raw.bom;
  for (let i = 0; i < raw.lines.length; i++) out += raw.lines[i]! + raw.terms[i]!;
  return out;
}

/** Inserts `content` as a new line after 1-based line `after` (0 = top); a missing final newline stays missing. */
export function insertLine(raw: RawLines, after: number, content: string, eol: string): void {
  let term = eol;
  if (after > 0 && after === raw.lines.length && raw.terms[after - 1] === '') {
    raw.terms[after - 1] = eol;
    term = '';
  }
  raw.lines.splice(after, 0, content);
  raw.terms.splice(after, 0, term);
}

/** Removes 1-based lines first..last; when they ended the file without a newline, so does the new end. */
export function removeLines(raw: RawLines, first: number, last: number): void {
  const endedWithoutNewline = last === raw.lines.length && raw.terms[last - 1] === '';
  raw.lines.splice(first - 1, last - first + 1);
  raw.terms.splice(first - 1, last - first + 1);
  if (endedWithoutNewline && first > 1) raw.terms[first - 2] = '';
}
