/**
 * The server's life as the HTTP app sees it: requests in flight, and whether it is draining
 * (shutting down). While draining, `/readyz` answers 503 so a load balancer stops sending
 * traffic, and open event streams are closed so handhelds reconnect to another instance.
 */
export class Lifecycle {
  #inFlight = 0;
  #idle: (() => void)[] = [];
  readonly #draining = new AbortController();

  get draining(): boolean {
    return this.#draining.signal.aborted;
  }

  /** Aborted when draining starts: long-lived handlers (event streams) end on it. */
  get drainSignal(): AbortSignal {
    return this.#draining.signal;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  requestStarted() {
    this.#inFlight++;
  }

  requestEnded() {
    this.#inFlight--;
    if (this.#inFlight === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }

  /** Starts draining; resolves when no request is in flight any more. */
  drain(): Promise<void> {
    if (!this.draining) this.#draining.abort();
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }
}
