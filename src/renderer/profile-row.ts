import type { ProfileStatus } from '../shared/ipc-contract';
import { offersAutoLoginSwitch } from '../shared/auto-login-offer';
import { countdowns, endIsEstimate, endSourceText, refreshDueAt } from '../shared/countdown';
import { formatClockTime, stateLabel, WAITING_FOR_SIGN_IN } from '../shared/format';
import { listNames } from '../shared/sessions';
import { el, withCode } from './dom';
import { kindLabel, whereLabel } from './labels';
import { loginProgressPanel, type LoginProgressActions } from './login-progress';
import { AWS_REGIONS } from '../shared/regions';
import { isSignedIn } from '../shared/sessions';

/** What the window remembers about one row between renders: a running action and its last error. */
export interface RowUi {
  busy: 'login' | 'logout' | 'auto-login' | null;
  error: { message: string; hint: string | null } | null;
  /** Set while the row asks before a logout that also ends these other profiles (one shared session). */
  confirmLogout?: readonly string[];
  /** Set after a login stopped for want of a region: the region the picker starts on. */
  askRegion?: string;
}

/** What a row can ask the app to do. */
export interface RowActions extends LoginProgressActions {
  login(profile: string): void;
  logout(profile: string): void;
  /** The person confirmed a logout that ends more profiles than the one clicked. */
  confirmLogout(profile: string): void;
  dismissLogout(profile: string): void;
  setAutoLogin(profile: string, enabled: boolean): void;
  /** Logs in with a region for a profile that has none (it is saved in the profile first). */
  loginWithRegion(profile: string, region: string): void;
}

/** A rendered row plus the function that refreshes its countdowns each second. */
export interface RowView {
  element: HTMLLIElement;
  tick(now: number): void;
}

const BUSY_TEXT = { login: 'Logging in…', logout: 'Logging out…', 'auto-login': 'Saving…' } as const;

function actionButton(label: string, busyLabel: string | null, primary: boolean, key: string, onClick: () => void, name: string | null = null): HTMLButtonElement {
  const busy = busyLabel !== null;
  return el(
    'button',
    { type: 'button', class: `btn${primary ? ' btn-primary' : ''}${busy ? ' is-busy' : ''}`, 'data-key': key, 'aria-busy': busy ? 'true' : null, 'aria-label': busy ? null : name, disabled: busy, onClick },
    busy ? el('span', { class: 'spinner', 'aria-hidden': 'true' }) : null,
    busy ? busyLabel : label,
  );
}

function buttonsFor(p: ProfileStatus, ui: RowUi, actions: RowActions): HTMLElement {
  const wrap = el('div', { class: 'profile-actions' });
  const loggedIn = isSignedIn(p.state);
  const canLogin = !loggedIn || p.state === 'expiring';
  const disabledAll = ui.busy !== null;
  if (canLogin) {
    const b = actionButton('Log in', ui.busy === 'login' || p.loginInProgress ? BUSY_TEXT.login : null, !loggedIn || p.state === 'expiring', `login:${p.name}`, () => actions.login(p.name), `Log in to ${p.name}`);
    if (disabledAll) b.disabled = true;
    wrap.append(b);
  }
  if (loggedIn) {
    const b = actionButton('Log out', ui.busy === 'logout' ? BUSY_TEXT.logout : null, false, `logout:${p.name}`, () => actions.logout(p.name), `Log out of ${p.name}`);
    if (disabledAll) b.disabled = true;
    wrap.append(b);
  }
  return wrap;
}

function timesFor(p: ProfileStatus): { node: HTMLElement; tick(now: number): void } {
  const session = el('span', { class: 'value' });
  const refresh = el('span', { class: 'value' });
  const sessionLine = el('span', { class: 'time time-session' });
  const refreshLine = el('span', { class: 'time time-refresh' });
  const node = el('div', { class: 'profile-times' }, sessionLine, refreshLine);
  const est = endIsEstimate(p);
  const startNote = p.sessionStartSource === 'id-token' ? 'sign-in time' : p.sessionStartSource === 'recorded-login' ? 'time this app logged you in' : 'time the login cache was created';
  const why = `${endSourceText(p.sessionEndSource) ?? ''}, counted from the ${startNote}. Allow signin:IntrospectOAuth2Token to see the exact end.`.replace(/^./, (c) => c.toUpperCase());
  const tick = (now: number): void => {
    const c = countdowns(p, now);
    if (c.sessionLeft === null) sessionLine.replaceChildren('Session end unknown');
    else {
      // "Ends 18:42 · 9 h 12 m left", then a readable "estimate" tag when AWS Sign-In did not say so.
      const clock = el('span', { class: 'time-clock value' }, p.sessionExpiresAt === null ? '' : formatClockTime(p.sessionExpiresAt));
      session.textContent = `${c.sessionLeft} left`;
      // An estimate says "about", underlined, with where the figure comes from on hover.
      const about = (text: string) => el('span', { class: 'est', title: why }, text);
      const mark = est && p.sessionEndSource === 'observed' ? el('span', { class: 'est-tag', title: why }, 'past the estimate') : null;
      if (!est) clock.title = 'AWS Sign-In says the session ends then';
      const lead = c.sessionOver ? (est ? ['Probably ended at '] : ['Ended at ']) : est ? ['Ends ', about('about'), ' '] : ['Ends '];
      sessionLine.replaceChildren(...lead, clock, ...(c.sessionOver ? [] : [' · ', session]), ...(mark ? [' ', mark] : []));
    }
    const due = refreshDueAt(p);
    if (c.refreshIn === null || due === null) refreshLine.replaceChildren();
    else if (due > now) {
      refresh.textContent = c.refreshIn;
      refreshLine.replaceChildren('Refresh in ', refresh);
    } else refreshLine.replaceChildren('Refreshes on next AWS call');
  };
  return { node, tick };
}

function confirmBox(p: ProfileStatus, others: readonly string[], actions: RowActions): HTMLElement {
  const all = [p.name, ...others];
  return el(
    'div',
    { class: 'confirm', role: 'group', 'aria-label': `Log out of ${listNames(all)}?` },
    el('p', { class: 'confirm-text' }, `Log out of ${p.name}? This also logs out ${listNames(others)}: ${others.length === 1 ? 'it shares' : 'they share'} one session.`),
    el(
      'div',
      { class: 'confirm-buttons' },
      el('button', { type: 'button', class: 'btn btn-small', 'data-key': `keep:${p.name}`, 'aria-label': `Keep ${p.name} logged in`, onClick: () => actions.dismissLogout(p.name) }, 'Cancel'),
      el('button', { type: 'button', class: 'btn btn-small btn-danger', 'data-key': `confirm-logout:${p.name}`, 'aria-label': `Log out of ${listNames(all)}`, onClick: () => actions.confirmLogout(p.name) }, `Log out of ${all.length} profiles`),
    ),
  );
}

function messageFor(p: ProfileStatus): string | null {
  if (p.state === 'logged-out') return null; // the badge says it
  if (p.state === 'expired') {
    return endIsEstimate(p) && p.sessionEndSource !== 'observed'
      ? 'Session probably ended (estimated end passed with no refresh since). Log in again to continue.'
      : 'Session ended. Log in again to continue.';
  }
  return null;
}

function errorBox(message: string, hint: string | null, key: string): HTMLElement {
  return el('div', { class: 'profile-error', role: 'alert', 'data-key': key }, el('span', { class: 'error-icon', 'aria-hidden': 'true' }, '!'), el('div', {}, el('p', { class: 'error-message' }, ...withCode(message)), hint ? el('p', { class: 'error-hint' }, ...withCode(hint)) : null));
}

function autoLoginSwitch(p: ProfileStatus, ui: RowUi, actions: RowActions): HTMLElement {
  const input = el('input', { type: 'checkbox', role: 'switch', class: 'switch', 'data-key': `auto:${p.name}`, 'aria-label': `Auto-login for ${p.name}`, disabled: ui.busy !== null });
  input.checked = p.kind === 'auto-login';
  input.addEventListener('change', () => actions.setAutoLogin(p.name, input.checked));
  // Compact: the switch alone (named for screen readers, explained on hover); its words only while saving.
  return el('label', { class: 'profile-auto', title: `Auto-login for ${p.name}: logs in by itself when the AWS CLI or an SDK needs credentials` }, ui.busy === 'auto-login' ? el('span', {}, BUSY_TEXT['auto-login']) : null, input);
}

/**
 * One `aws login` / auto-login profile: state badge, countdowns, actions and inline errors.
 * `signinUsers` (from the same report) says which profiles others sign in through: those get no switch.
 */
export function sessionRow(p: ProfileStatus, ui: RowUi, actions: RowActions, signinUsers: ReadonlyMap<string, readonly string[]> = new Map(), shared: readonly string[] = []): RowView {
  const state = p.state ?? 'logged-out';
  const badge = el('span', { class: `badge badge-${state}` }, el('span', { class: 'badge-dot', 'aria-hidden': 'true' }), stateLabel(state));
  const usedBy = signinUsers.get(p.name) ?? [];
  // The group says "aws login"; only auto-login profiles name their kind (and the profile they sign in through).
  const role = p.kind === 'auto-login'
    ? `${kindLabel(p.kind)}${p.autoLoginVia === 'recipe' ? ' (shell recipe)' : ''}${p.signinProfile ? ` via ${p.signinProfile}` : ''}`
    : usedBy.length > 0 ? `Sign-in for ${usedBy.join(', ')}` : null;
  const sharing = shared.length > 0 ? `One session with ${listNames(shared)}` : null;
  const meta = [role, sharing, whereLabel(p)].filter(Boolean).join(' · ');
  const live = isSignedIn(p.state);
  const times = live ? timesFor(p) : null;
  const note = messageFor(p);
  const actionsNode = buttonsFor(p, ui, actions);
  if (offersAutoLoginSwitch(p, signinUsers)) actionsNode.prepend(autoLoginSwitch(p, ui, actions));
  const foot = p.waitingForSignInSince !== undefined
    ? el('div', { class: 'profile-note profile-waiting', role: 'status' }, WAITING_FOR_SIGN_IN)
    : times ? times.node : note ? el('div', { class: 'profile-note' }, note) : null;
  // Compact: name and state on one line with the actions; then the times (or a note); then what the
  // profile is (region, account, the session it shares), which a live row shows only when it tells more.
  const metaLine = live || foot ? [role, sharing].filter(Boolean).join(' · ') : meta;
  const element = el(
    'li',
    { class: `profile state-${state}`, 'data-profile': p.name, 'data-state': state },
    el('div', { class: 'profile-head', title: meta }, el('span', { class: 'profile-name' }, p.name), badge),
    actionsNode,
    foot ? el('div', { class: 'profile-foot' }, foot) : null,
    metaLine ? el('div', { class: 'profile-meta', title: meta }, metaLine) : null,
    ui.busy === 'login' || p.loginInProgress ? loginProgressPanel(p.name, p.loginInProgress, actions) : null,
    ui.confirmLogout && ui.confirmLogout.length > 0 ? confirmBox(p, ui.confirmLogout, actions) : null,
    p.state === 'error' && p.error ? errorBox(p.errorInWindow ?? p.error, null, `state-error:${p.name}`) : null,
    ui.askRegion && !ui.busy ? regionPicker(p.name, ui.askRegion, actions) : ui.error ? errorBox(ui.error.message, ui.error.hint, `error:${p.name}`) : null,
  );
  return { element, tick: times ? times.tick : () => undefined };
}

/** After `aws login` stopped for want of a region: pick one (saved in the profile), then log in. */
function regionPicker(name: string, initial: string, actions: RowActions): HTMLElement {
  const id = `region-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const choices = AWS_REGIONS.includes(initial) ? AWS_REGIONS : [initial, ...AWS_REGIONS];
  const select = el('select', { id, class: 'region-select', 'data-key': `region:${name}` }, ...choices.map((r) => el('option', { value: r }, r)));
  select.value = initial;
  return el(
    'div',
    { class: 'profile-region', role: 'group', 'aria-label': `Region for ${name}` },
    el('p', { class: 'region-text' }, `${name} has no region, and aws login needs one. It is saved in the profile.`),
    el('div', { class: 'region-row' },
      el('label', { for: id }, 'Region'),
      select,
      el('button', { type: 'button', class: 'btn btn-primary', 'data-key': `region-login:${name}`, onClick: () => actions.loginWithRegion(name, select.value) }, `Log in to ${name}`)),
  );
}

/** A profile the window does not manage: name, kind, where it points; long-term keys are flagged. */
export function otherRow(p: ProfileStatus, ui: RowUi, actions: RowActions): RowView {
  const risky = p.kind === 'static-keys';
  // A profile with no credentials of its own can become an `aws login` profile with one click.
  const canSetUp = p.kind === 'other';
  const element = el(
    'li',
    { class: `profile profile-quiet${risky ? ' profile-risky' : ''}`, 'data-profile': p.name },
    el(
      'div',
      { class: 'profile-head' },
      el('span', { class: 'profile-name', title: p.name }, p.name),
      el('span', { class: `kind${risky ? ' kind-risky' : ''}` }, risky ? '⚠ ' : '', kindLabel(p.kind)),
      whereLabel(p) ? el('span', { class: 'profile-where' }, whereLabel(p)) : null,
    ),
    canSetUp ? el('div', { class: 'profile-actions' }, actionButton('Log in', ui.busy === 'login' || p.loginInProgress ? BUSY_TEXT.login : null, false, `login:${p.name}`, () => actions.login(p.name), `Log in to ${p.name}`)) : null,
    ui.busy === 'login' || p.loginInProgress ? loginProgressPanel(p.name, p.loginInProgress, actions) : null,
    risky ? el('div', { class: 'profile-note' }, 'Long-term keys on disk. Consider moving this profile to aws login.') : null,
    ui.askRegion && !ui.busy ? regionPicker(p.name, ui.askRegion, actions) : ui.error ? errorBox(ui.error.message, ui.error.hint, `error:${p.name}`) : null,
  );
  return { element, tick: () => undefined };
}
