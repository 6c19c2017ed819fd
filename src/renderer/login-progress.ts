import type { LoginProgress } from '../shared/ipc-contract';
import { el } from './dom';

/** What the login panel can ask for. */
export interface LoginProgressActions {
  cancel(profile: string): void;
  /** Cancels this login and starts `aws login --remote` instead (no browser on this machine). */
  remote(profile: string): void;
  sendCode(profile: string, code: string): void;
}

/** Only web links become links: the URL comes from the CLI's output. */
function isWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

function copyButton(profile: string, url: string): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'btn btn-small', 'data-key': `copy:${profile}`, 'aria-label': `Copy the sign-in link for ${profile}` }, 'Copy link');
  button.addEventListener('click', () => {
    const done = (text: string): void => {
      button.textContent = text;
    };
    if (!navigator.clipboard) return done('Select the link to copy');
    navigator.clipboard.writeText(url).then(() => done('Copied'), () => done('Select the link to copy'));
  });
  return button;
}

function codeForm(profile: string, actions: LoginProgressActions): HTMLFormElement {
  const input = el('input', { type: 'text', class: 'code-input', spellcheck: 'false', autocomplete: 'off', 'data-key': `code:${profile}`, 'aria-label': `Code from the browser for ${profile}`, placeholder: 'Paste the code' });
  const form = el('form', { class: 'login-code' }, input, el('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-key': `send-code:${profile}`, 'aria-label': `Send the code for ${profile}` }, 'Send code'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value.trim() !== '') actions.sendCode(profile, input.value.trim());
  });
  return form;
}

/**
 * The panel of a running login: what to do now, the sign-in URL the CLI printed (a link and Copy),
 * the code field for `--remote`, and Cancel (which ends the whole `aws login` process tree).
 */
export function loginProgressPanel(profile: string, progress: LoginProgress | undefined, actions: LoginProgressActions): HTMLElement {
  const url = progress?.url && isWebUrl(progress.url) ? progress.url : null;
  const remote = progress?.remote === true;
  const step = url === null
    ? 'Starting aws login…'
    : remote
      ? progress?.needsCode ? 'Open this link on any device, sign in, then paste the code it shows:' : 'Finishing the sign-in…'
      : 'Finish signing in in your browser. If no tab opened, open this link:';
  const cancel = el('button', { type: 'button', class: 'btn btn-small', 'data-key': `cancel:${profile}`, 'aria-label': `Cancel the login to ${profile}`, onClick: () => actions.cancel(profile) }, 'Cancel');
  const other = !remote && url !== null
    ? el('button', { type: 'button', class: 'btn btn-link', 'data-key': `remote:${profile}`, 'aria-label': `Sign in to ${profile} on another device`, onClick: () => actions.remote(profile) }, 'Use another device')
    : null;
  return el(
    'div',
    { class: 'login-progress', role: 'status', 'aria-live': 'polite', 'data-profile': profile },
    el('p', { class: 'login-step' }, step),
    url ? el('div', { class: 'login-link' }, el('a', { class: 'login-url', 'data-key': `url:${profile}`, href: url, target: '_blank', rel: 'noopener noreferrer', title: url }, url), copyButton(profile, url)) : null,
    remote && progress?.needsCode ? codeForm(profile, actions) : null,
    el('div', { class: 'login-buttons' }, other, cancel),
  );
}
