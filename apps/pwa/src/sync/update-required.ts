type Listener = () => void;

const listeners = new Set<Listener>();

/**
 * The server refused this app's protocol version (426 `app_update_required`). The outbox is
 * kept; the shell looks for the new version at once and applies it between lines.
 */
export function announceUpdateRequired(): void {
  listeners.forEach((listener) => listener());
}

export function onUpdateRequired(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Whether an error is the server's "update the app" refusal. */
export function isUpdateRequired(error: { code?: string } | null | undefined): boolean {
  return error?.code === 'app_update_required';
}
