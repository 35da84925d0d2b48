import { useEffect, useState } from 'react';
import { speech } from '../device/speech/speech';
import { useMessages } from '../i18n/language';
import { useSyncStatus } from '../shell/use-sync-status';

interface StorageFacts {
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

/** What support asks for first: is storage kept, how full is it, what is not synced. */
export function DiagnosticsScreen() {
  const t = useMessages();
  const unsynced = useSyncStatus()?.unsynced;
  const [facts, setFacts] = useState<StorageFacts | null>(null);
  useEffect(() => {
    void readStorageFacts().then(setFacts);
  }, []);
  return (
    <section className="screen diagnostics" data-testid="diagnostics">
      <h2>{t.setup.diagnostics}</h2>
      <dl>
        <dt>{t.setup.persisted}</dt>
        <dd data-testid="diag-persisted">{facts?.persisted ? t.setup.yes : t.setup.no}</dd>
        <dt>{t.setup.unsynced}</dt>
        <dd data-testid="diag-unsynced">{unsynced ?? '…'}</dd>
        {facts?.usage != null && facts.quota != null && (
          <dd data-testid="diag-usage">
            {t.setup.usage(megabytes(facts.usage), megabytes(facts.quota))}
          </dd>
        )}
        <dt>{t.setup.speechStalls}</dt>
        <dd>{speech?.stalls ?? 0}</dd>
      </dl>
    </section>
  );
}

async function readStorageFacts(): Promise<StorageFacts> {
  const storage = 'storage' in navigator ? navigator.storage : undefined;
  const persisted = (await storage?.persisted?.()) ?? null;
  const estimate = await storage?.estimate?.();
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
