import { describe, expect, it } from 'vitest';
import type { Session } from '../auth/session-token';
import { PokeHub } from './poke-hub';

const picker = (userId: string, deviceId: string): Session => ({
  userId,
  role: 'picker',
  warehouseId: 'GZ',
  deviceId,
  epoch: 1,
});

function listening(hub: PokeHub, session: Session) {
  const poked: number[] = [];
  const unsubscribe = hub.subscribe(session, () => poked.push(1));
  return { count: () => poked.length, unsubscribe };
}

describe('poke hub', () => {
  it('pokes a picker only for notices naming them, a supervisor for their warehouse', () => {
    const hub = new PokeHub();
    const a = listening(hub, picker('u-a', 'd-a'));
    const b = listening(hub, picker('u-b', 'd-b'));
    const lead = listening(hub, { ...picker('u-s', 'd-s'), role: 'supervisor' });
    const elsewhere = listening(hub, {
      ...picker('u-c', 'd-c'),
      role: 'supervisor',
      warehouseId: 'CD',
    });
    hub.dispatch({ warehouseId: 'GZ', userIds: ['u-a'] });
    expect([a.count(), b.count(), lead.count(), elsewhere.count()]).toEqual([1, 0, 1, 0]);
  });

  it('pokes a device whose pull was held back at the next notice, whoever it names, once', () => {
    const hub = new PokeHub();
    const a = listening(hub, picker('u-a', 'd-a'));
    const b = listening(hub, picker('u-b', 'd-b'));
    const c = listening(hub, picker('u-c', 'd-c'));
    hub.pokeOnNextNotice(picker('u-b', 'd-b'));
    hub.dispatch({ warehouseId: 'GZ', userIds: ['u-a'] });
    expect([a.count(), b.count(), c.count()]).toEqual([1, 1, 0]);
    hub.dispatch({ warehouseId: 'GZ', userIds: ['u-a'] });
    expect([a.count(), b.count(), c.count()]).toEqual([2, 1, 0]);
  });

  it('matches a held pull to its device incarnation, and forgets a stream that closed', () => {
    const hub = new PokeHub();
    const b = listening(hub, picker('u-b', 'd-b'));
    const older = listening(hub, { ...picker('u-b', 'd-b'), epoch: 0 });
    hub.pokeOnNextNotice(picker('u-b', 'd-b'));
    b.unsubscribe();
    hub.dispatch({ warehouseId: 'GZ', userIds: [] });
    expect([b.count(), older.count()]).toEqual([0, 0]);
    expect(hub.size).toBe(1);
  });
});
