import type { ActionResult, LoginOptions, Settings, StatusReport, TrayApi } from '../shared/ipc-contract';
import type { RendererClock } from './clock';
import { el, replaceChildren } from './dom';
import { errorText, isSessionProfile } from './labels';
import { listView, sharedWith } from './list-view';
import { entryLive, listNames, sessionEntries } from '../shared/sessions';
import type { RowActions, RowUi, RowView } from './profile-row';
import { settingsPanel, type SettingsView } from './settings-panel';
import { isSignedIn } from '../shared/sessions';

/** Re-read the status this often even without a push, so states follow the clock. */
const STATUS_POLL_MS = 30_000;
/** From this many profiles on, the window offers a filter. */
const FILTER_FROM = 10;

interface WindowState {
  status: StatusReport | null;
  loadError: { message: string; hint: string | null } | null;
  rows: Map<string, RowUi>;
  view: 'list' | 'settings';
  settings: Settings | null;
  footer: { kind: 'ok' | 'error' | 'busy' | 'confirm'; text: string } | null;
}

/** Mounts the window into `root`; returns a function that stops its timers and listeners. */
export function startTrayWindow(root: HTMLElement, api: TrayApi, clock: RendererClock): () => void {
  const state: WindowState = { status: null, loadError: null, rows: new Map(), view: 'list', settings: null, footer: null };
  let rowViews: RowView[] = [];
  /** Kept while the panel is open, so a status refresh never wipes what the user is typing. */
  let settingsNode: SettingsView | null = null;
  const body = el('main', { class: 'content', id: 'content' });
  const header = el('header', { class: 'titlebar' });
  const footer = el('footer', { class: 'bottombar' });
  // Kept across renders (typing must not lose the caret); shown from FILTER_FROM profiles on.
  const filterInput = el('input', { type: 'search', class: 'filter-input', placeholder: 'Filter profiles', 'aria-label': 'Filter profiles', 'aria-controls': 'content', spellcheck: 'false', autocomplete: 'off' });
  const filterBar = el('div', { class: 'filterbar', hidden: true }, filterInput);
  filterInput.addEventListener('input', () => render());
  replaceChildren(root, header, filterBar, body, footer);

  const setRow = (name: string, ui: RowUi): void => {
    state.rows.set(name, ui);
    render();
  };

  const refresh = async (): Promise<void> => {
    try {
      state.status = await api['status:get']();
      state.loadError = null;
    } catch (err) {
      state.loadError = errorText(err);
    }
    render();
  };

  const runAction = async (name: string, busy: 'login' | 'logout' | 'auto-login', call: () => Promise<ActionResult>): Promise<void> => {
    setRow(name, { busy, error: null });
    let result: ActionResult;
    try {
      result = await call();
    } catch (err) {
      result = { ok: false, error: { code: 'internal', ...errorText(err) } };
    }
    // Only a login asks for a region here; the auto-login switch's own no-region refusal keeps its message and next step.
    const askRegion = busy === 'login' && !result.ok && result.error.code === 'no-region' ? (state.status?.defaultRegion ?? 'us-east-1') : undefined;
    state.rows.set(name, { busy: null, error: result.ok ? null : { message: result.error.message, hint: result.error.hint }, ...(askRegion ? { askRegion } : {}) });
    await refresh();
  };

  /** Logins the person cancelled here: their "cancelled" result is no error to show. */
  const cancelled = new Set<string>();
  const startLogin = async (name: string, options: LoginOptions = {}): Promise<void> => {
    cancelled.delete(name);
    await runAction(name, 'login', () => api['profile:login'](name, options));
    if (cancelled.delete(name)) {
      const ui = state.rows.get(name);
      if (ui?.error) state.rows.set(name, { ...ui, error: null });
      render();
    }
  };
  const cancelLogin = async (name: string): Promise<void> => {
    cancelled.add(name);
    try {
      await api['profile:cancel-login'](name);
    } catch (err) {
      cancelled.delete(name);
      state.rows.set(name, { busy: state.rows.get(name)?.busy ?? null, error: errorText(err) });
      render();
    }
  };
  /** Running logins of this window, so "Use another device" can start the remote one after the first ended. */
  const pending = new Map<string, Promise<void>>();
  const track = (name: string, p: Promise<void>): void => {
    pending.set(name, p);
    void p.finally(() => pending.get(name) === p && pending.delete(name));
  };

  const actions: RowActions = {
    login: (name) => track(name, startLogin(name)),
    loginWithRegion: (name, region) => track(name, startLogin(name, { region })),
    cancel: (name) => void cancelLogin(name),
    remote: (name) => {
      const first = pending.get(name) ?? Promise.resolve();
      void cancelLogin(name);
      track(name, first.then(() => startLogin(name, { remote: true })));
    },
    sendCode: (name, code) => {
      api['profile:login-code'](name, code).then(
        (r) => {
          if (!r.ok) state.rows.set(name, { busy: state.rows.get(name)?.busy ?? null, error: { message: r.error.message, hint: r.error.hint } });
          render();
        },
        (err: unknown) => {
          state.rows.set(name, { busy: state.rows.get(name)?.busy ?? null, error: errorText(err) });
          render();
        },
      );
    },
    logout: (name) => {
      // Ask first when the logout ends more than the profile clicked (they share one session).
      const entry = sessionEntries(state.status?.profiles ?? []).find((e) => e.primary.name === name);
      if (sharedWith(entry).length === 0) return void runAction(name, 'logout', () => api['profile:logout'](name));
      // The question names every profile it ends, the sign-in profile too.
      state.rows.set(name, { busy: null, error: null, confirmLogout: entry!.members.slice(1).map((m) => m.name) });
      render();
      root.querySelector<HTMLElement>(`[data-key="${CSS.escape(`confirm-logout:${name}`)}"]`)?.focus();
    },
    confirmLogout: (name) => void runAction(name, 'logout', () => api['profile:logout'](name)),
    dismissLogout: (name) => {
      state.rows.set(name, { busy: null, error: null });
      render();
      root.querySelector<HTMLElement>(`[data-key="${CSS.escape(`logout:${name}`)}"]`)?.focus();
    },
    setAutoLogin: (name, enabled) => void runAction(name, 'auto-login', () => api['profile:set-auto-login'](name, enabled)),
  };

  /** Log out all asks first, naming what it ends. */
  const askLogoutAll = (): void => {
    const live = sessionEntries(state.status?.profiles ?? []).filter(entryLive).map((e) => e.primary.name);
    state.footer = { kind: 'confirm', text: `Log out of ${live.length === 1 ? 'the one signed-in session' : `all ${live.length} signed-in sessions`} (${listNames(live)})?` };
    render();
    root.querySelector<HTMLElement>('[data-key="confirm-logout-all"]')?.focus();
  };

  const logoutAll = async (): Promise<void> => {
    state.footer = { kind: 'busy', text: 'Logging out of every session…' };
    render();
    let result: ActionResult;
    try {
      result = await api['profile:logout-all']();
    } catch (err) {
      result = { ok: false, error: { code: 'internal', ...errorText(err) } };
    }
    state.footer = result.ok
      ? { kind: 'ok', text: result.message ?? 'Logged out of every session.' }
      : { kind: 'error', text: [result.error.message, result.error.hint].filter(Boolean).join(' ') };
    await refresh();
  };

  const openSettings = async (): Promise<void> => {
    try {
      state.settings = await api['settings:get']();
      state.view = 'settings';
      settingsNode = null;
    } catch (err) {
      const e = errorText(err);
      state.footer = { kind: 'error', text: `Could not read the settings: ${e.message}` };
    }
    render();
  };

  const saveSettings = async (patch: Partial<Settings>): Promise<Settings> => {
    const saved = await api['settings:save'](patch);
    state.settings = saved;
    void refresh();
    return saved;
  };

  function renderHeader(): void {
    if (state.view === 'settings') {
      const back = el('button', { type: 'button', class: 'icon-btn back', 'aria-label': 'Back to profiles', 'data-key': 'back', onClick: () => ((state.view = 'list'), render(), root.querySelector<HTMLElement>('[data-key="settings"]')?.focus()) }, el('span', { class: 'chevron', 'aria-hidden': 'true' }));
      return replaceChildren(header, back, el('h1', {}, 'Settings'));
    }
    // Sessions, not rows: profiles sharing one session (or one sign-in profile) count once.
    const entries = sessionEntries(state.status?.profiles ?? []);
    const active = entries.filter(entryLive).length;
    const summary = state.status === null || entries.length === 0 ? '' : `${active} of ${entries.length} ${entries.length === 1 ? 'session' : 'sessions'} signed in`;
    const gear = el('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Settings', title: 'Settings', 'data-key': 'settings', onClick: () => void openSettings() }, el('span', { class: 'gear', 'aria-hidden': 'true' }));
    replaceChildren(header, el('div', { class: 'title' }, el('h1', {}, 'AWS Login'), el('span', { class: 'subtitle' }, summary)), gear);
  }

  function renderBody(): void {
    rowViews = [];
    if (state.view === 'settings' && state.settings) {
      const names = state.status?.profiles.filter(isSessionProfile).map((p) => p.name) ?? [];
      settingsNode ??= settingsPanel(state.settings, names, saveSettings);
      if (settingsNode.form.parentElement !== body) replaceChildren(body, settingsNode.form);
      return;
    }
    settingsNode = null;
    if (state.loadError) {
      return replaceChildren(body, el('div', { class: 'load-error', role: 'alert' }, el('h2', {}, 'Could not read your AWS profiles'), el('p', {}, state.loadError.message), state.loadError.hint ? el('p', { class: 'error-hint' }, state.loadError.hint) : null));
    }
    if (state.status === null) return replaceChildren(body, el('p', { class: 'loading' }, 'Loading profiles…'));
    const needle = filterBar.hidden ? '' : filterInput.value.trim().toLowerCase();
    const shown = needle === '' ? state.status : { ...state.status, profiles: state.status.profiles.filter((p) => p.name.toLowerCase().includes(needle) || (p.signinProfile ?? '').toLowerCase().includes(needle)) };
    if (needle !== '' && shown.profiles.length === 0) return replaceChildren(body, el('p', { class: 'no-match', role: 'status' }, `No profile matches “${filterInput.value.trim()}”.`));
    const view = listView(shown, state.rows, actions);
    rowViews = view.rows;
    replaceChildren(body, view.node);
    tick();
  }

  function renderFooter(): void {
    const anyLoggedIn = state.status?.profiles.some((p) => isSessionProfile(p) && isSignedIn(p.state)) ?? false;
    const msg = state.footer ? el('p', { class: `footer-msg footer-${state.footer.kind}`, role: state.footer.kind === 'error' ? 'alert' : 'status' }, state.footer.text) : el('p', { class: 'footer-msg', role: 'status' });
    const busy = state.footer?.kind === 'busy';
    if (state.view === 'settings') {
      if (settingsNode && settingsNode.bar.parentElement !== footer) replaceChildren(footer, settingsNode.bar);
      return;
    }
    if (state.footer?.kind === 'confirm') {
      const cancel = el('button', { type: 'button', class: 'btn btn-small', 'data-key': 'keep-all', onClick: () => ((state.footer = null), render(), root.querySelector<HTMLElement>('[data-key="logout-all"]')?.focus()) }, 'Cancel');
      const yes = el('button', { type: 'button', class: 'btn btn-small btn-danger', 'data-key': 'confirm-logout-all', onClick: () => void logoutAll() }, 'Log out all');
      return replaceChildren(footer, el('p', { class: 'footer-msg footer-confirm', role: 'status' }, state.footer.text), cancel, yes);
    }
    const all = el('button', { type: 'button', class: 'btn btn-quiet', 'data-key': 'logout-all', disabled: busy || !anyLoggedIn, onClick: () => askLogoutAll() }, 'Log out all');
    replaceChildren(footer, msg, all);
  }

  /** The last focused control, so focus survives a re-render or an action that removed its button. */
  let lastFocusKey: string | undefined;
  root.addEventListener('focusin', (event) => {
    lastFocusKey = (event.target as HTMLElement | null)?.dataset?.key ?? lastFocusKey;
  });

  /** Where focus goes when its control is gone: the same kind of control, else the profile's first button, else the list. */
  function restoreFocus(key: string): void {
    const find = (k: string) => root.querySelector<HTMLElement>(`[data-key="${CSS.escape(k)}"]`);
    const profile = key.includes(':') ? key.slice(key.indexOf(':') + 1) : null;
    const target = find(key)
      ?? (profile === null ? null : ['login', 'logout', 'cancel'].map((k) => find(`${k}:${profile}`)).find((b) => b && !(b as HTMLButtonElement).disabled))
      ?? (profile === null ? null : root.querySelector<HTMLElement>(`li[data-profile="${CSS.escape(profile)}"] button:not(:disabled)`))
      ?? root.querySelector<HTMLElement>('#content button:not(:disabled), #content input');
    target?.focus();
  }

  function renderFilter(): void {
    const hide = state.view !== 'list' || (state.status?.profiles.length ?? 0) < FILTER_FROM;
    if (hide && document.activeElement === filterInput) filterInput.blur();
    filterBar.hidden = hide;
  }

  function render(): void {
    renderFilter();
    const active = document.activeElement as HTMLElement | null;
    const inRoot = active !== null && root.contains(active);
    const focusKey = inRoot ? active.dataset?.key : active === null || active === document.body ? lastFocusKey : undefined;
    // Inputs inside the list (a code being typed, the filter) keep their text across re-renders.
    const drafts = new Map<string, string>();
    for (const input of root.querySelectorAll<HTMLInputElement>('#content input[type="text"][data-key], header input[data-key]')) drafts.set(input.dataset.key!, input.value);
    renderHeader();
    renderBody();
    renderFooter();
    for (const [key, value] of drafts) {
      const input = root.querySelector<HTMLInputElement>(`input[data-key="${CSS.escape(key)}"]`);
      if (input && input.value === '') input.value = value;
    }
    if (focusKey) restoreFocus(focusKey);
  }

  function tick(): void {
    const now = clock.now();
    for (const row of rowViews) row.tick(now);
  }

  render();
  void refresh();
  const stopTick = clock.every(1000, tick);
  const stopPoll = clock.every(STATUS_POLL_MS, () => void refresh());
  const unsubscribe = api.onStatusChanged((status) => {
    state.status = status;
    state.loadError = null;
    if (state.view === 'list') render();
  });
  const onFocus = (): void => void refresh();
  window.addEventListener('focus', onFocus);
  // Esc leaves Settings (focus back on the gear), or clears the filter.
  const onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    if (state.view === 'settings') {
      state.view = 'list';
      render();
      root.querySelector<HTMLElement>('[data-key="settings"]')?.focus();
    } else if (document.activeElement === filterInput && filterInput.value !== '') {
      filterInput.value = '';
      render();
    }
  };
  document.addEventListener('keydown', onKey);
  return () => {
    document.removeEventListener('keydown', onKey);
    window.removeEventListener('focus', onFocus);
    stopTick();
    stopPoll();
    unsubscribe();
  };
}
