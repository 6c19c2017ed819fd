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
  if (n === 0 || m === 0 || n * m > MAX_LCS_CELLS) return [];
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

/**
 * The hunks that turn `edited` back into `original`, holding only the lines the edit changed (not
 * the whole file): enough to undo an edit byte for byte when nothing else changed meanwhile.
 */
export function diffLines(original: string, edited: string): LineHunk[] {
  const a = splitKeepingEnds(original);
  const b = splitKeepingEnds(edited);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const hunks: LineHunk[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...lcsPairs(midA, midB), [midA.length, midB.length] as [number, number]]) {
    if (pi > i || pj > j) hunks.push({ at: start + j, remove: pj - j, insert: midA.slice(i, pi) });
    i = pi + 1;
    j = pj + 1;
  }
  return hunks;
}

/** Applies hunks from diffLines to the edited text, giving the original back. */
export function applyLineHunks(edited: string, hunks: readonly LineHunk[]): string {
  const lines = splitKeepingEnds(edited);
  for (const h of [...hunks].sort((x, y) => y.at - x.at)) lines.splice(h.at, h.remove, ...h.insert);
  return lines.join('');
}

/** A fingerprint of a text (sha256 hex) to tell whether a file changed since our edit. */
export function textFingerprint(text: string): string {
  return sha256Hex(text);
}
