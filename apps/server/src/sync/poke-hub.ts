import type { Session } from '../auth/session-token';
import type { PokeNotice } from './change-feed';

type Listener = { session: Session; poke: () => void };

/**
 * Fans pokes out to this instance's open event streams. Notices arrive through Postgres
 * LISTEN/NOTIFY, so a change committed on any instance reaches the clients of every instance.
 */
export class PokeHub {
  private readonly listeners = new Set<Listener>();
  /**
   * Streams whose device's last pull here said `heldBack`, with the transaction id its oldest
   * held change waits on: poked once the database's xmin has passed it.
   */
  private readonly held = new Map<Listener, bigint>();
  private checking: Promise<void> | null = null;
  private checkAgain = false;

  /**
   * `readXmin` reads the pull's horizon (`SERVABLE_HORIZON`: the oldest transaction of this
   * database still open, else the next transaction id), as text. Without
   * it, a held stream is poked at the next notice, whatever it waits on.
   */
  constructor(private readonly readXmin?: () => Promise<string>) {}

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
   * A pull of this device incarnation was answered `heldBack`: changes of its scope, the oldest
   * written by transaction `heldTxid`, have committed but wait behind an older open transaction,
   * and no poke of their own will come when that one ends. Any notice means some transaction
   * has committed, perhaps that one: at each notice the hub reads the xmin (one statement per
   * notice however many streams wait, never two at once) and pokes the streams whose changes it
   * has passed. Pulling again at every notice instead made 200 held devices pull on each of 200
   * notices a second while one long transaction was open. The device's own held-back timer
   * stays the fallback when no notice comes.
   */
  pokeWhenServable(session: Session, heldTxid: string): void {
    const txid = BigInt(heldTxid);
    for (const listener of this.listeners) {
      const s = listener.session;
      if (s.deviceId === session.deviceId && s.epoch === session.epoch) {
        this.held.set(listener, txid);
      }
    }
  }

  /** Pokes every stream whose scope the notice touches, and the held streams now servable. */
  dispatch(notice: PokeNotice): void {
    for (const listener of this.listeners) {
      const { session, poke } = listener;
      if (session.warehouseId !== notice.warehouseId) continue;
      if (session.role === 'picker' && !notice.userIds.includes(session.userId)) continue;
      // It pulls now: a pull still held back registers again.
      this.held.delete(listener);
      poke();
    }
    if (this.held.size > 0) this.pokeServable();
  }

  /**
   * Pokes every stream: notices may have been missed (LISTEN was re-established after the
   * database connection was lost), so every device pulls once to catch up.
   */
  pokeAll(): void {
    this.held.clear();
    for (const listener of this.listeners) listener.poke();
  }

  /** Resolves once the held streams have been checked against the xmin after the last notice. */
  async settled(): Promise<void> {
    while (this.checking) await this.checking;
  }

  private pokeServable(): void {
    if (!this.readXmin) {
      const held = [...this.held.keys()];
      this.held.clear();
      for (const listener of held) listener.poke();
      return;
    }
    if (this.checking) {
      this.checkAgain = true;
      return;
    }
    const readXmin = this.readXmin;
    this.checking = (async () => {
      try {
        do {
          this.checkAgain = false;
          const xmin = BigInt(await readXmin());
          for (const [listener, txid] of this.held) {
            if (txid >= xmin) continue;
            this.held.delete(listener);
            listener.poke();
          }
        } while (this.checkAgain && this.held.size > 0);
      } catch {
        // The database is away: the devices' own held-back timers pull again.
      } finally {
        this.checking = null;
      }
    })();
  }

  get size(): number {
    return this.listeners.size;
  }
}
