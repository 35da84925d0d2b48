import type { Session } from '../auth/session-token';
import type { PokeNotice } from './change-feed';

type Listener = { session: Session; poke: () => void };

/**
 * Fans pokes out to this instance's open event streams. Notices arrive through Postgres
 * LISTEN/NOTIFY, so a change committed on any instance reaches the clients of every instance.
 */
export class PokeHub {
  private readonly listeners = new Set<Listener>();

  /** Registers a stream; returns its unsubscribe. */
  subscribe(session: Session, poke: () => void): () => void {
    const listener = { session, poke };
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Pokes every stream whose scope the notice touches. */
  dispatch(notice: PokeNotice): void {
    for (const { session, poke } of this.listeners) {
      if (session.warehouseId !== notice.warehouseId) continue;
      if (session.role === 'picker' && !notice.userIds.includes(session.userId)) continue;
      poke();
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
