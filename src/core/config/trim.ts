/**
 * Trims spaces and tabs only (not other whitespace), as the SDKs' parsers do. A char loop instead
 * of a regex: the parser runs it on every line, and status reads configs with 1,000s of lines.
 */
export function trimSpaceTab(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && (s.charCodeAt(start) === 32 || s.charCodeAt(start) === 9)) start++;
  while (end > start && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}
