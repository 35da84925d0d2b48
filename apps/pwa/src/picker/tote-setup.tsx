import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { playError, playOk } from '../device/feedback/sounds';
import { useScanActions } from '../device/scanner/use-scan-actions';
import { useMessages } from '../i18n/language';
import { reportError } from '../shell/problems';
import { db } from '../storage/database';
import { readMeta, writeMeta } from '../storage/meta';
import { assignTote, ordersOnWalk, type ToteScan } from './totes';
import type { WaveView } from './wave-view';

/** The totes of each wave, live. */
export function useWaveTotes(waveId: string): Record<string, string> | undefined {
  return useLiveQuery(async () => (await readMeta(db, 'totes'))?.[waveId] ?? {}, [waveId]);
}

async function saveTotes(waveId: string, totes: Record<string, string>): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const all = (await readMeta(db, 'totes')) ?? {};
    await writeMeta(db, 'totes', { ...all, [waveId]: totes });
  });
}

/** Cluster picking: scan one tote per order before the walk; each line then names its tote. */
export function ToteSetup({ view, onDone }: { view: WaveView; onDone: () => void }) {
  const t = useMessages();
  const totes = useWaveTotes(view.wave.id) ?? {};
  const orders = ordersOnWalk(view.lines);
  const [refused, setRefused] = useState<Exclude<ToteScan, { ok: true }>['reason'] | null>(null);
  const assigned = orders.filter((order) => totes[order] !== undefined).length;

  useScanActions((action) => {
    if (action.kind !== 'scan') return;
    const result = assignTote(orders, totes, action.code);
    if (!result.ok) {
      setRefused(result.reason);
      playError();
      return;
    }
    setRefused(null);
    playOk();
    saveTotes(view.wave.id, result.totes).catch(reportError);
  });

  return (
    <section className="screen totes" data-testid="tote-setup">
      <h2>{t.totes.title(view.wave.code)}</h2>
      <p data-testid="tote-progress" data-assigned={assigned} data-orders={orders.length}>
        {assigned < orders.length ? t.totes.scanNext(assigned + 1, orders.length) : t.totes.allDone}
      </p>
      {refused && (
        <p className="error error-loud" role="alert">
          {t.totes.refused[refused]}
        </p>
      )}
      <ul>
        {orders.map((order) => (
          <li key={order}>
            {order}: <strong>{totes[order] ?? '—'}</strong>
          </li>
        ))}
      </ul>
      <button type="button" className="button-primary" data-testid="totes-done" onClick={onDone}>
        {t.totes.start}
      </button>
    </section>
  );
}
