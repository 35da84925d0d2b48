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

  it('without an xmin to read, pokes a held device at the next notice, whoever it names, once', () => {
    const hub = new PokeHub();
    const a = listening(hub, picker('u-a', 'd-a'));
    const b = listening(hub, picker('u-b', 'd-b'));
    const c = listening(hub, picker('u-c', 'd-c'));
    hub.pokeWhenServable(picker('u-b', 'd-b'), '100');
    hub.dispatch({ warehouseId: 'GZ', userIds: ['u-a'] });
    expect([a.count(), b.count(), c.count()]).toEqual([1, 1, 0]);
    hub.dispatch({ warehouseId: 'GZ', userIds: ['u-a'] });
    expect([a.count(), b.count(), c.count()]).toEqual([2, 1, 0]);
  });

  it('matches a held pull to its device incarnation, and forgets a stream that closed', () => {
    const hub = new PokeHub();
    const b = listening(hub, picker('u-b', 'd-b'));
    const older = listening(hub, { ...picker('u-b', 'd-b'), epoch: 0 });
    hub.pokeWhenServable(picker('u-b', 'd-b'), '100');
    b.unsubscribe();
    hub.dispatch({ warehouseId: 'GZ', userIds: [] });
    expect([b.count(), older.count()]).toEqual([0, 0]);
    expect(hub.size).toBe(1);
  });

  it('pokes a held device once the oldest open transaction is past its change, not before', async () => {
    let xmin = 90n;
    let reads = 0;
    const hub = new PokeHub(() => {
      reads++;
      return Promise.resolve(String(xmin));
    });
    const a = listening(hub, picker('u-a', 'd-a'));
    const b = listening(hub, picker('u-b', 'd-b'));
    hub.pokeWhenServable(picker('u-b', 'd-b'), '100');
    hub.dispatch({ warehouseId: 'GZ', userIds: ['u-a'] });
    await hub.settled();
    expect([a.count(), b.count()]).toEqual([1, 0]);
    xmin = 100n;
    hub.dispatch({ warehouseId: 'GZ', userIds: ['u-a'] });
    await hub.settled();
    expect([a.count(), b.count()]).toEqual([2, 0]);
    xmin = 101n;
    hub.dispatch({ warehouseId: 'GZ', userIds: ['u-a'] });
    await hub.settled();
    expect([a.count(), b.count()]).toEqual([3, 1]);
    hub.dispatch({ warehouseId: 'GZ', userIds: ['u-a'] });
    await hub.settled();
    expect([a.count(), b.count()]).toEqual([4, 1]);
    expect(reads).toBe(3);
  });

  it('reads the xmin once for notices that arrive while it is being read', async () => {
    let reads = 0;
    let release!: () => void;
    const hub = new PokeHub(async () => {
      reads++;
      await new Promise<void>((resolve) => (release = resolve));
      return '200';
    });
    const b = listening(hub, picker('u-b', 'd-b'));
    hub.pokeWhenServable(picker('u-b', 'd-b'), '100');
    for (let i = 0; i < 5; i++) hub.dispatch({ warehouseId: 'GZ', userIds: ['u-a'] });
    release();
    await hub.settled();
    expect([b.count(), reads]).toEqual([1, 1]);
  });
});
