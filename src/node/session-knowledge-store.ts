import { parseKnowledge, serialiseKnowledge, type SessionKnowledge } from '../core/session/knowledge';
import type { AppStore } from './app-store';

/** State file of what the app learned per login_session (introspections, ends, lengths); no secrets. */
export const SESSIONS_STATE = 'sessions';

/** The knowledge as last saved; empty when the file is missing or unreadable. */
export function loadKnowledge(store: AppStore): SessionKnowledge {
  try {
    return parseKnowledge(store.readJson(SESSIONS_STATE));
  } catch {
    return {};
  }
}

/** Read-modify-write under the state file's lock, so the tray, the CLI and helpers never lose each other's entries. */
export async function updateKnowledge(store: AppStore, fn: (k: SessionKnowledge) => SessionKnowledge): Promise<void> {
  await store.updateJson(SESSIONS_STATE, (current) => serialiseKnowledge(fn(parseKnowledge(current))));
}
