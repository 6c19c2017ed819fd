import { signinUsers } from '../shared/auto-login-offer';
import { sessionEntries, type SessionEntry } from '../shared/sessions';
import type { ProfileStatus, StatusReport } from '../shared/ipc-contract';
import { el } from './dom';
import { isSessionProfile } from './labels';
import type { RowActions, RowUi, RowView } from './profile-row';
import { otherRow, sessionRow } from './profile-row';

const IDLE: RowUi = { busy: null, error: null };

/** The profile list: managed sessions first, then a quieter "Other profiles" group, or the empty state. */
export function listView(status: StatusReport, ui: ReadonlyMap<string, RowUi>, actions: RowActions): { node: HTMLElement; rows: RowView[] } {
  const entries = sessionEntries(status.profiles);
  const sessions = entries.map((e) => e.primary);
  const byPrimary = new Map<string, SessionEntry>(entries.map((e) => [e.primary.name, e]));
  const others = status.profiles.filter((p) => !isSessionProfile(p));
  if (status.profiles.length === 0) return { node: emptyState(status), rows: [] };
  const rows: RowView[] = [];
  const users = signinUsers(status.profiles);
  const group = (id: string, title: string, profiles: ProfileStatus[], make: (p: ProfileStatus) => RowView, quiet: boolean): HTMLElement => {
    const made = profiles.map(make);
    rows.push(...made);
    return el(
      'section',
      { class: `group${quiet ? ' group-quiet' : ''}`, 'aria-labelledby': id },
      el('h2', { id, class: 'group-title' }, title, el('span', { class: 'group-count' }, String(profiles.length))),
      el('ul', { class: 'profiles' }, ...made.map((r) => r.element)),
    );
  };
  const node = el(
    'div',
    { class: 'list' },
    sessions.length > 0
      ? group('group-sessions', 'aws login sessions', sessions, (p) => sessionRow(p, ui.get(p.name) ?? IDLE, actions, users, sharedWith(byPrimary.get(p.name))), false)
      : el('p', { class: 'hint-card' }, 'No profile uses aws login yet. Run `aws login --profile NAME` (AWS CLI 2.32 or newer) to add one.'),
    others.length > 0 ? group('group-others', 'Other profiles', others, (p) => otherRow(p, ui.get(p.name) ?? IDLE, actions), true) : null,
  );
  return { node, rows };
}

/** The other profiles of an entry a person should be told about (an auto-login profile already names its sign-in profile). */
export function sharedWith(entry: SessionEntry | undefined): string[] {
  if (!entry) return [];
  const own = entry.primary.kind === 'auto-login' ? entry.primary.signinProfile : null;
  return entry.members.slice(1).map((m) => m.name).filter((n) => n !== own);
}

function emptyState(status: StatusReport): HTMLElement {
  return el(
    'div',
    { class: 'empty' },
    el('div', { class: 'empty-icon', 'aria-hidden': 'true' }),
    el('h2', {}, status.configFound ? 'No profiles yet' : 'No AWS config found'),
    el('p', {}, status.configFound ? `${status.configFile} has no profiles.` : `Looked for ${status.configFile} and ${status.credentialsFile}.`),
    el('p', { class: 'empty-hint' }, 'Run ', el('code', {}, 'aws login --profile NAME'), ' (AWS CLI 2.32 or newer) to create a profile. It shows up here by itself.'),
  );
}
