import { describe, expect, it } from 'vitest';
import { createNotifier, notificationFactory, type NotifiableWarning } from '../../src/main/notifications';
import { warningId } from '../../src/core/warnings/plan';
import { StubNotification, StubNotificationFactory } from './stubs/electron';

const warning = (profile: string, lead: number): NotifiableWarning => ({
  id: warningId(profile, lead),
  profile,
  title: `${profile}: session ends in ${lead} minutes`,
  body: 'Click to log in again.',
});

function setup(factory = new StubNotificationFactory()) {
  const logins: string[] = [];
  const fallbacks: NotifiableWarning[] = [];
  const notifier = createNotifier({ Notification: factory, login: (p) => void logins.push(p), fallback: (w) => void fallbacks.push(w) });
  return { factory, notifier, logins, fallbacks };
}

describe('createNotifier', () => {
  it('shows the warning with its stable id, grouped by profile', () => {
    const { factory, notifier } = setup();
    notifier.notify(warning('prod', 15));
    expect(factory.created).toHaveLength(1);
    expect(factory.created[0]!.options).toMatchObject({
      id: warningId('prod', 15),
      groupId: 'prod',
      title: 'prod: session ends in 15 minutes',
      body: 'Click to log in again.',
    });
    expect(factory.created[0]!.shown).toBe(1);
  });

  it('gives the same (profile, lead) the same id and replaces the older notification', () => {
    const { factory, notifier } = setup();
    notifier.notify(warning('prod', 5));
    notifier.notify(warning('prod', 5));
    const [first, second] = factory.created;
    expect(first!.options.id).toBe(second!.options.id);
    expect(first!.closed).toBe(true);
    expect(second!.closed).toBe(false);
  });

  it("closes a profile's older lead when a newer one arrives, and leaves other profiles alone", () => {
    const { factory, notifier } = setup();
    notifier.notify(warning('prod', 15));
    notifier.notify(warning('dev', 15));
    notifier.notify(warning('prod', 5));
    const [prod15, dev15, prod5] = factory.created;
    expect(prod15!.options.id).not.toBe(prod5!.options.id);
    expect(prod15!.closed).toBe(true);
    expect(dev15!.closed).toBe(false);
    expect(prod5!.closed).toBe(false);
  });

  it('logs the profile in when the notification is clicked', () => {
    const { factory, notifier, logins } = setup();
    notifier.notify(warning('prod', 5));
    factory.created[0]!.emit('click');
    expect(logins).toEqual(['prod']);
  });

  it('falls back to the tray when notifications are not supported', () => {
    const { factory, notifier, fallbacks } = setup(new StubNotificationFactory(false));
    notifier.notify(warning('prod', 5));
    expect(factory.created).toHaveLength(0);
    expect(fallbacks.map((w) => w.id)).toEqual([warningId('prod', 5)]);
  });

  it('falls back to the tray when showing fails (an unsigned macOS build)', () => {
    const factory = new StubNotificationFactory();
    factory.failWith = 'Notifications are not allowed for this application';
    const { notifier, fallbacks } = setup(factory);
    notifier.notify(warning('prod', 0));
    expect(fallbacks.map((w) => w.profile)).toEqual(['prod']);
  });

  it('falls back when creating the notification throws', () => {
    const factory = new StubNotificationFactory();
    factory.create = () => {
      throw new Error('no notification service');
    };
    const { notifier, fallbacks } = setup(factory);
    notifier.notify(warning('dev', 5));
    expect(fallbacks).toHaveLength(1);
  });

  it('closes everything still shown on quit', () => {
    const { factory, notifier } = setup();
    notifier.notify(warning('prod', 5));
    notifier.notify(warning('dev', 5));
    notifier.closeAll();
    expect(factory.created.every((n) => n.closed)).toBe(true);
  });
});

describe('notificationFactory', () => {
  it('adapts a Notification class: isSupported and new', () => {
    class Fake extends StubNotification {
      static supported = true;
      static isSupported() {
        return Fake.supported;
      }
      constructor(options: ConstructorParameters<typeof StubNotification>[0]) {
        super(options, null);
      }
    }
    const factory = notificationFactory(Fake);
    expect(factory.isSupported()).toBe(true);
    Fake.supported = false;
    expect(factory.isSupported()).toBe(false);
    const n = factory.create({ id: 'x', title: 't' });
    expect(n).toBeInstanceOf(Fake);
    expect((n as Fake).options).toEqual({ id: 'x', title: 't' });
  });
});
