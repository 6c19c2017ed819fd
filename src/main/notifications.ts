import type { Warning } from '../core/warnings/plan';
import type { NotificationConstructorOptions } from 'electron';
import type { NotificationFactory, NotificationPort } from './electron-ports';

/** Adapts Electron's Notification class (static isSupported + constructor) to the factory port. */
export function notificationFactory(N: { isSupported(): boolean; new (options: NotificationConstructorOptions): NotificationPort }): NotificationFactory {
  return { isSupported: () => N.isSupported(), create: (options) => new N(options) };
}

/** The fields of a planned warning a notification shows. */
export type NotifiableWarning = Pick<Warning, 'id' | 'profile' | 'title' | 'body'>;

export interface NotifierDeps {
  Notification: NotificationFactory;
  /** Logs the profile in (a click on the notification). */
  login(profile: string): void;
  /** Shows the warning another way when the OS will not (the tray menu / a balloon). */
  fallback(warning: NotifiableWarning): void;
}

export interface Notifier {
  /** Shows the warning; a newer warning replaces older ones of the same id or profile. */
  notify(warning: NotifiableWarning): void;
  /** Removes every notification still on screen (on quit). */
  closeAll(): void;
}

/**
 * Session warnings as OS notifications. Each carries the warning's stable id (the macOS request
 * identifier / Windows toast tag), and is kept referenced so its click handler survives garbage
 * collection. Unsupported or failing notifications (e.g. an unsigned macOS build) fall back.
 */
export function createNotifier(deps: NotifierDeps): Notifier {
  const shown = new Map<string, { profile: string; notification: NotificationPort }>();

  const forget = (id: string, notification: NotificationPort): void => {
    if (shown.get(id)?.notification === notification) shown.delete(id);
  };

  const closeOlder = (warning: NotifiableWarning): void => {
    for (const [id, entry] of [...shown]) {
      if (id === warning.id || entry.profile === warning.profile) {
        shown.delete(id);
        entry.notification.close();
      }
    }
  };

  return {
    notify(warning) {
      closeOlder(warning);
      if (!deps.Notification.isSupported()) return deps.fallback(warning);
      let fellBack = false;
      const fallBack = () => {
        if (fellBack) return;
        fellBack = true;
        deps.fallback(warning);
      };
      try {
        const notification = deps.Notification.create({
          id: warning.id,
          groupId: warning.profile,
          title: warning.title,
          body: warning.body,
          timeoutType: 'never',
        });
        notification.on('click', () => {
          forget(warning.id, notification);
          deps.login(warning.profile);
        });
        notification.on('close', () => forget(warning.id, notification));
        notification.on('failed', () => {
          forget(warning.id, notification);
          fallBack();
        });
        shown.set(warning.id, { profile: warning.profile, notification });
        notification.show();
      } catch {
        shown.delete(warning.id);
        fallBack();
      }
    },
    closeAll() {
      for (const { notification } of shown.values()) notification.close();
      shown.clear();
    },
  };
}
