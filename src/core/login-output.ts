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
