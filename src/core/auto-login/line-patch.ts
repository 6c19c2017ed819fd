import { sha256Hex } from '../sha256';

/** One change that turns a span of the edited file back into the original lines. */
export interface LineHunk {
  /** 0-based index of the first changed line in the edited text. */
  at: number;
  /** How many edited lines to drop there. */
  remove: number;
  /** The original lines (each with its own line ending) to put in their place. */
  insert: string[];
}

/** Lines with their own terminators (a BOM stays on the first line), so joining gives the text back. */
export function splitKeepingEnds(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

const MAX_LCS_CELLS = 4_000_000;

/** Longest-common-subsequence matches between a and b as index pairs (small inputs only). */
function lcsPairs(a: string[], b: string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  const w = m + 1;
  const dp = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] = a[i] === b[j] ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (dp[(i + 1) * w + j]! >= dp[i * w + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/** Collects hunks in order, merging one that starts where the previous one ends (so no two share a start). */
function hunkList(): { hunks: LineHunk[]; push(h: LineHunk): void } {
  const hunks: LineHunk[] = [];
  return {
    hunks,
    push(h) {
      if (h.remove === 0 && h.insert.length === 0) return;
      const last = hunks[hunks.length - 1];
      if (last && last.at + last.remove === h.at) {
        last.remove += h.remove;
        for (const line of h.insert) last.insert.push(line); // no spread: a 150k-line section would overflow the stack
      } else hunks.push({ at: h.at, remove: h.remove, insert: [...h.insert] });
    },
  };
}

type Push = (h: LineHunk) => void;

/** A config section as a span of lines: its header (or '' for the lines before the first header). */
interface Span {
  key: string;
  start: number;
  end: number;
}

function spansOf(lines: string[], from: number, to: number): Span[] {
  const out: Span[] = [];
  for (let i = from; i < to; i++) {
    const header = lines[i]!.trimStart().startsWith('[');
    if (header || out.length === 0) out.push({ key: header ? lines[i]!.trim() : '', start: i, end: i + 1 });
    else out[out.length - 1]!.end = i + 1;
  }
  return out;
}

/**
 * Too big for the LCS table: pairs sections by header, in order, and diffs each pair on its own, so
 * a section the edit did not touch never lands in a hunk (its lines, say another profile's keys,
 * are never copied into the undo record). A section only in `a` is stored whole (the edit removed
 * it); one only in `b` is just dropped.
 */
function diffBySection(a: string[], b: string[], a0: number, a1: number, b0: number, b1: number, push: Push, maxCells: number): void {
  const sa = spansOf(a, a0, a1);
  const sb = spansOf(b, b0, b1);
  const lastInA = new Map(sa.map((s, k) => [s.key, k]));
  const later = (from: number, key: string): boolean => (lastInA.get(key) ?? -1) >= from;
  let i = 0;
  let j = 0;
  let at = b0;
  while (i < sa.length || j < sb.length) {
    const x = sa[i];
    const y = sb[j];
    if (x && y && x.key === y.key) {
      diffRange(a, b, x.start, x.end, y.start, y.end, push, maxCells, false);
      at = y.end;
      i++;
      j++;
    } else if (y && (!x || !later(i, y.key))) {
      push({ at: y.start, remove: y.end - y.start, insert: [] });
      at = y.end;
      j++;
    } else {
      push({ at, remove: 0, insert: a.slice(x!.start, x!.end) });
      i++;
    }
  }
}

/** Hunks turning b[b0, b1) back into a[a0, a1): common ends trimmed, then LCS, else per section. */
function diffRange(a: string[], b: string[], a0: number, a1: number, b0: number, b1: number, push: Push, maxCells: number, bySection: boolean): void {
  while (a0 < a1 && b0 < b1 && a[a0] === b[b0]) {
    a0++;
    b0++;
  }
  while (a1 > a0 && b1 > b0 && a[a1 - 1] === b[b1 - 1]) {
    a1--;
    b1--;
  }
  if (a0 === a1 && b0 === b1) return;
  const midA = a.slice(a0, a1);
  const midB = b.slice(b0, b1);
  if (midA.length * midB.length > maxCells) {
    if (bySection) diffBySection(a, b, a0, a1, b0, b1, push, maxCells);
    else push({ at: b0, remove: b1 - b0, insert: midA }); // one huge section the edit touched: kept whole
    return;
  }
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...lcsPairs(midA, midB), [midA.length, midB.length] as [number, number]]) {
    if (pi > i || pj > j) push({ at: b0 + j, remove: pj - j, insert: midA.slice(i, pi) });
    i = pi + 1;
    j = pj + 1;
  }
}

/**
 * The hunks that turn `edited` back into `original`, holding only the lines the edit changed (not
 * the whole file): enough to undo an edit byte for byte when nothing else changed meanwhile. Files
 * too big for an exact diff (`maxCells`, a test hook) are diffed section by section, so lines of
 * sections the edit left alone are never stored.
 */
export function diffLines(original: string, edited: string, maxCells = MAX_LCS_CELLS): LineHunk[] {
  const a = splitKeepingEnds(original);
  const b = splitKeepingEnds(edited);
  const list = hunkList();
  diffRange(a, b, 0, a.length, 0, b.length, list.push, maxCells, true);
  return list.hunks;
}

/** Applies hunks from diffLines to the edited text, giving the original back. */
export function applyLineHunks(edited: string, hunks: readonly LineHunk[]): string {
  const lines = splitKeepingEnds(edited);
  // Built in one pass, not splice(..., ...insert): spreading a 150k-line hunk overflows the stack.
  const out: string[] = [];
  let next = 0;
  // Ties keep splice's order (applied last-first, so a later hunk's lines land before an earlier one's).
  const ordered = hunks.map((h, i) => ({ h, i })).sort((x, y) => x.h.at - y.h.at || y.i - x.i);
  for (const { h } of ordered) {
    for (; next < h.at && next < lines.length; next++) out.push(lines[next]!);
    for (const line of h.insert) out.push(line);
    next = Math.max(next, h.at + h.remove);
  }
  for (; next < lines.length; next++) out.push(lines[next]!);
  return out.join('');
}

/** A fingerprint of a text (sha256 hex) to tell whether a file changed since our edit. */
export function textFingerprint(text: string): string {
  return sha256Hex(text);
}
