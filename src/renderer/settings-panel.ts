import type { Settings } from '../shared/ipc-contract';
import { el } from './dom';
import { errorText } from './labels';

/** Saves a patch; resolves to the saved settings or rejects with an error to show. */
export type SaveSettings = (patch: Partial<Settings>) => Promise<Settings>;

type Parsed = { ok: true; patch: Partial<Settings> } | { ok: false; message: string };

function field(label: string, control: HTMLElement, help: string | null, id: string): HTMLElement {
  return el('div', { class: 'field' }, el('label', { for: id }, label), control, help ? el('p', { class: 'field-help', id: `${id}-help` }, help) : null);
}

function parseLeads(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const nums = parts.map(Number);
  return nums.every((n) => Number.isFinite(n) && n >= 0) ? nums : null;
}

/** The panel's form, and its Save bar (shown in the window's bottom bar so it never scrolls away). */
export interface SettingsView {
  form: HTMLFormElement;
  bar: HTMLElement;
}

/** The Settings panel: warning lead times, session lengths, the `aws` path, start at login. */
export function settingsPanel(settings: Settings, profiles: readonly string[], save: SaveSettings): SettingsView {
  const leads = el('input', { id: 'set-leads', type: 'text', inputmode: 'numeric', value: settings.warningLeadMinutes.join(', '), 'aria-describedby': 'set-leads-help' });
  const defaultHours = el('input', { id: 'set-default-hours', type: 'number', min: 0.25, max: 12, step: 0.25, value: settings.defaultMaxSessionHours });
  const awsPath = el('input', { id: 'set-aws', type: 'text', spellcheck: 'false', placeholder: 'Find automatically', value: settings.awsCliPath ?? '', 'aria-describedby': 'set-aws-help' });
  const startAtLogin = el('input', { id: 'set-start', type: 'checkbox', role: 'switch', class: 'switch' });
  startAtLogin.checked = settings.startAtLogin;
  const perProfile = profiles.map((name) => {
    const input = el('input', { type: 'number', min: 0.25, max: 12, step: 0.25, placeholder: 'default', value: settings.maxSessionHours[name] ?? '', 'aria-label': `Maximum session length for ${name} (hours)`, 'data-profile': name });
    const warn = el('input', { type: 'checkbox', 'aria-label': `Warn before the session of ${name} ends`, 'data-profile': name });
    warn.checked = !settings.mutedProfiles.includes(name);
    return { name, input, warn };
  });
  const listed = new Set(profiles);
  const status = el('p', { class: 'save-status', role: 'status' });
  const saveButton = el('button', { type: 'submit', form: 'settings-form', class: 'btn btn-primary', 'data-key': 'save' }, 'Save');

  const parse = (): Parsed => {
    const warningLeadMinutes = parseLeads(leads.value);
    if (warningLeadMinutes === null) return { ok: false, message: 'Warning lead times must be minute counts such as "15, 5, 0".' };
    const hours = Number(defaultHours.value);
    const maxSessionHours: Record<string, number> = {};
    for (const { name, input } of perProfile) if (input.value.trim() !== '') maxSessionHours[name] = Number(input.value);
    const path = awsPath.value.trim();
    // Muted profiles not listed here (no longer in the config) stay muted.
    const mutedProfiles = [...settings.mutedProfiles.filter((p) => !listed.has(p)), ...perProfile.filter((p) => !p.warn.checked).map((p) => p.name)];
    return { ok: true, patch: { warningLeadMinutes, defaultMaxSessionHours: hours, maxSessionHours, awsCliPath: path === '' ? null : path, startAtLogin: startAtLogin.checked, mutedProfiles } };
  };

  const show = (kind: 'ok' | 'error' | 'busy', text: string): void => {
    status.className = `save-status save-${kind}`;
    status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    status.textContent = text;
  };

  const form = el(
    'form',
    { id: 'settings-form', class: 'settings', novalidate: true, 'aria-label': 'Settings' },
    el('fieldset', {}, el('legend', {}, 'Warnings'), field('Warn before the session ends (minutes)', leads, 'Comma-separated, e.g. 15, 5, 0 (0 = when it ends).', 'set-leads')),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Session length'),
      field('Default maximum session (hours)', defaultHours, 'Your IAM session duration: up to 12 hours. Used to estimate when a session ends.', 'set-default-hours'),
      perProfile.length > 0 ? el('div', { class: 'per-profile' }, el('p', { class: 'per-profile-title' }, 'Per profile (empty = default)'), ...perProfile.map(({ name, input, warn }) => el('div', { class: 'per-profile-row' }, el('label', { class: 'per-profile-hours' }, el('span', { class: 'per-profile-name', title: name }, name), input, el('span', { class: 'unit' }, 'h')), el('label', { class: 'per-profile-warn' }, warn, el('span', {}, 'Warn'))))) : null,
    ),
    el('fieldset', {}, el('legend', {}, 'AWS CLI'), field('AWS CLI path', awsPath, 'Leave empty to find it on PATH. AWS CLI 2.32 or newer is needed for aws login.', 'set-aws')),
    el('fieldset', {}, el('legend', {}, 'General'), el('label', { class: 'switch-row', for: 'set-start' }, el('span', {}, 'Start at login'), startAtLogin)),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const parsed = parse();
    if (!parsed.ok) return show('error', parsed.message);
    saveButton.disabled = true;
    show('busy', 'Saving…');
    save(parsed.patch).then(
      () => show('ok', 'Saved.'),
      (err: unknown) => {
        const { message, hint } = errorText(err);
        show('error', hint ? `${message} ${hint}` : message);
      },
    ).finally(() => {
      saveButton.disabled = false;
    });
  });
  return { form, bar: el('div', { class: 'settings-footer' }, status, saveButton) };
}
