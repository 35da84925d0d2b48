import postgres from 'postgres';
import { CONNECT_TIMEOUT_S, reconnectBackoff } from './primary-locator';

/** postgres.js options its type declarations leave out (both are in its README and source). */
export interface UndeclaredClientOptions {
  /** A socket (or promise of one) for each new connection, instead of dialling `host`. */
  socket?: () => Promise<unknown>;
  /** Every NOTIFY that reaches one of this client's connections. */
  onnotify?: (channel: string, payload: string) => void;
}

export interface ResilientListen {
  stop: () => Promise<void>;
}

/**
 * LISTEN on a connection of its own that comes back by itself: when the connection is lost (the
 * primary died, a failover moved it), it is opened again, to the primary of the moment, and
 * `LISTEN` issued again, retried until it works. Notices sent meanwhile are lost, so
 * `onResumed` runs after each re-subscription (the server pokes every stream then).
 *
 * A session of its own, never a pooled one: through pgbouncer in transaction mode LISTEN does not
 * work, so this connection must go straight to Postgres (README, "High availability").
 */
export async function listenResiliently(
  url: string,
  socket: (() => Promise<unknown>) | undefined,
  channel: string,
  onPayload: (payload: string) => void,
  onResumed: () => void,
): Promise<ResilientListen> {
  let stopped = false;
  let resubscribing = false;
  const options: Record<string, unknown> & UndeclaredClientOptions = {
    max: 1,
    idle_timeout: null,
    max_lifetime: null,
    fetch_types: false,
    prepare: false,
    backoff: reconnectBackoff,
    connect_timeout: CONNECT_TIMEOUT_S,
    onnotice: () => {},
    onnotify: (on: string, payload: string) => {
      if (on === channel) onPayload(payload);
    },
    onclose: () => {
      if (!stopped) void resubscribe();
    },
    ...(socket ? { socket } : {}),
  };
  const client = postgres(url, options as postgres.Options<Record<string, never>>);
  const listen = () => client.unsafe(`listen "${channel.replaceAll('"', '""')}"`);

  async function resubscribe() {
    if (resubscribing) return;
    resubscribing = true;
    try {
      for (let pause = 50; !stopped; pause = Math.min(pause * 2, 1_000)) {
        try {
          await listen();
          if (!stopped) onResumed();
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, pause));
        }
      }
    } finally {
      resubscribing = false;
    }
  }

  await listen();
  return {
    stop: async () => {
      stopped = true;
      await client.end({ timeout: 1 });
    },
  };
}
