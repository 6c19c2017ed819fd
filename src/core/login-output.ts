/** What a person needs from the output of a running `aws login`: the URL to open and whether it waits for a code. */
export interface LoginOutputState {
  /** The sign-in URL the CLI printed (on a line of its own), or null before it did. */
  url: string | null;
  /** `aws login --remote` printed "Enter the authorization code displayed in your browser:" and reads a line. */
  needsCode: boolean;
}

const URL_LINE = /^https?:\/\/[^\s"'<>`]+$/;

/**
 * Reads the output so far. The CLI prints the authorize URL on its own line (recorded, protocol.md
 * § 2); other URLs (the region prompt's docs link) sit inside sentences and are not taken.
 */
export function readLoginOutput(output: string): LoginOutputState {
  let url: string | null = null;
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.trim();
    if (URL_LINE.test(line)) {
      url = line;
      break;
    }
  }
  return { url, needsCode: /Enter the authorization code displayed in your browser:/.test(output) };
}

/** The progress of a login this app started, as status reports carry it (no output text: it stays in the process). */
export interface LoginProgress {
  url: string | null;
  needsCode: boolean;
  remote: boolean;
  /** Epoch ms. */
  startedAt: number;
}

/** What to show next while following a login for a person: the URL (once), and whether to ask for the code (once). */
export interface LoginFollowStep {
  url: string | null;
  askCode: boolean;
}

/**
 * Follows a running `aws login`'s output for a person at a terminal (the CLI's `login`, the helper's
 * remote sign-in): the sign-in URL once it appears, and the code prompt once the CLI asks for it and
 * its stdin is there to answer. Keeps at most `maxChars` of output.
 */
export function loginFollower(maxChars = 64 * 1024): { output(text: string): LoginFollowStep; stdinReady(): LoginFollowStep } {
  let output = '';
  let urlShown = false;
  let asked = false;
  let canAnswer = false;
  const next = (): LoginFollowStep => {
    const seen = readLoginOutput(output);
    const url = seen.url !== null && !urlShown ? seen.url : null;
    if (url) urlShown = true;
    const askCode = seen.needsCode && canAnswer && !asked;
    if (askCode) asked = true;
    return { url, askCode };
  };
  return {
    output(text) {
      if (output.length <= maxChars) output += text;
      return next();
    },
    stdinReady() {
      canAnswer = true;
      return next();
    },
  };
}
