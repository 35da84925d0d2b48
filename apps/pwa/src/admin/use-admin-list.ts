import { useCallback, useEffect, useState } from 'react';
import { AdminApiError, adminCall } from './admin-api';

export interface AdminList<T> {
  items: T[] | null;
  error: AdminApiError | null;
  reload: () => void;
}

/** Loads `GET path` (whose reply holds the list under `key`) and reloads on demand. */
export function useAdminList<T>(token: string, path: string, key: string): AdminList<T> {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<AdminApiError | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    adminCall<Record<string, T[]>>(token, 'GET', path)
      .then((reply) => {
        if (!live) return;
        setItems(reply[key] ?? []);
        setError(null);
      })
      .catch((failure: unknown) => {
        if (live)
          setError(
            failure instanceof AdminApiError ? failure : new AdminApiError(String(failure), 0),
          );
      });
    return () => {
      live = false;
    };
  }, [token, path, key, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { items, error, reload };
}
