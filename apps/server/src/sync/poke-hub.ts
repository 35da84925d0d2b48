import type { Session } from '../auth/session-token';
import type { PokeNotice } from './change-feed';

type Listener = { session: Session; poke: () => void };

/**
 * Fans pokes out to this instance's open event streams. Notices arrive through Postgres
 * LISTEN/NOTIFY, so a change committed on any instance reaches the clients of every instance.
 */
export class PokeHub {
  private readonly listeners = new Set<Listener>();
  /** Streams whose device's last pull here said `heldBack`: poked again at the next notice. */
  private readonly held = new Set<Listener>();

  /** Registers a stream; returns its unsubscribe. */
  subscribe(session: Session, poke: () => void): () => void {
    const listener = { session, poke };
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      this.held.delete(listener);
    };
  }

  /**
   * A pull of this device incarnation was answered `heldBack`: changes of its scope have
   * committed but wait behind an older open transaction, and no poke of their own will come
   * when that one ends. Any notice means some transaction has committed, perhaps that one, so
   * the device's streams on this instance are poked at the next one (the device's own
   * held-back timer stays the fallback). Pokes are coalesced per stream, and a device pulls
   * one at a time, so this costs at most a pull per notice per held device.
   */
  pokeOnNextNotice(session: Session): void {
    for (const listener of this.listeners) {
      const s = listener.session;
      if (s.deviceId === session.deviceId && s.epoch === session.epoch) this.held.add(listener);
    }
  }

  /** Pokes every stream whose scope the notice touches, and every stream waiting on a held pull. */
  dispatch(notice: PokeNotice): void {
    const held = this.held.size > 0 ? new Set(this.held) : null;
    this.held.clear();
    for (const listener of this.listeners) {
      const { session, poke } = listener;
      if (held?.has(listener)) {
        poke();
        continue;
      }
      if (session.warehouseId !== notice.warehouseId) continue;
      if (session.role === 'picker' && !notice.userIds.includes(session.userId)) continue;
      poke();
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
