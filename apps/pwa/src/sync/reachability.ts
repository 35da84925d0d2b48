/**
 * Whether the last API request reached the server. `navigator.onLine` only knows about the
 * local link; a handheld on warehouse Wi-Fi with a dead uplink is "online" yet cut off.
 */
type Listener = () => void;

let lastRequestReachedServer: boolean | null = null;
const listeners = new Set<Listener>();

export function reportRequestResult(reachedServer: boolean): void {
  if (lastRequestReachedServer === reachedServer) return;
  lastRequestReachedServer = reachedServer;
  listeners.forEach((listener) => listener());
}

/** null until the first request has been made. */
export function lastRequestResult(): boolean | null {
  return lastRequestReachedServer;
}

export function subscribeToReachability(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
