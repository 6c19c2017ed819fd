import {
  parseFiredWarnings,
  serialiseFiredWarnings,
  type FiredRecord,
  type FiredWarningsStore,
} from '../core/warnings/fired-set';
import type { AppStore } from './app-store';

/** State file name: <app home>/state/fired-warnings.json. */
export const FIRED_WARNINGS_FILE = 'fired-warnings';

/** Keeps the fired warning keys in the app store, so a restart never repeats a warning. */
export function appStoreFiredWarnings(store: Pick<AppStore, 'readJson' | 'updateJson'>): FiredWarningsStore {
  return {
    load: (): FiredRecord => parseFiredWarnings(store.readJson(FIRED_WARNINGS_FILE)),
    save: async (record: FiredRecord): Promise<void> => {
      await store.updateJson(FIRED_WARNINGS_FILE, () => serialiseFiredWarnings(record));
    },
  };
}
