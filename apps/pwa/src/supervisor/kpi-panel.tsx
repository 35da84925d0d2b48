import type { Kpis } from '@wms/protocol';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useMessages } from '../i18n/language';
import type { Messages } from '../i18n/messages-en';
import { api, ApiError } from '../sync/api-client';

/** uPlot, bundled with the app (no CDN: the tablet may be offline), loaded only for this tab. */
const HourlyCharts = lazy(() => import('./hourly-charts'));

type Part = Kpis['health']['day']['timeliness'];

/** KPIs: the order health index with how each part is computed, per-picker rates, red alerts. */
export function KpiPanel(props: { token: string; refreshKey: string }) {
  const { token, refreshKey } = props;
  const t = useMessages();
  const c = t.console;
  const [kpis, setKpis] = useState<Kpis | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .kpis(token)
      .then(setKpis, (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [token, refreshKey]);
  if (error) return <p className="error">{error}</p>;
  if (!kpis) return <p>{t.loading}</p>;
  const { figures, thresholds, raised } = kpis.redAlerts;
  return (
    <div className="board" data-testid="kpis">
      <section className="board-card">
        <h2>{c.health}</h2>
        {(['day', 'live'] as const).map((window) => {
          const health = kpis.health[window];
          return (
            <div key={window} className="health" data-testid={`health-${window}`}>
              <h3>
                {window === 'day' ? c.day : c.liveHour}:{' '}
                <strong>{health.index === null ? c.noData : health.index}</strong>
              </h3>
              <HealthPart label={c.timeliness} part={health.timeliness} c={c} />
              <HealthPart label={c.data} part={health.data} c={c} />
              <HealthPart label={c.experience} part={health.experience} c={c} scale={100} />
            </div>
          );
        })}
      </section>
      <section className="board-card">
        <h2>{c.redAlerts}</h2>
        <ul className="counts">
          <li className={raised.includes('orders-waiting') ? 'alert' : undefined}>
            {c.stages}: {figures.ordersWaiting} ({c.threshold} {thresholds.ordersWaiting})
          </li>
          <li className={raised.includes('return-rate') ? 'alert' : undefined}>
            {c.returnRate}: {rate(figures.returnRateToday)} / {rate(figures.returnRateTrailing)} (+
            {thresholds.returnRateRisePct}%)
          </li>
          <li className={raised.includes('sync-lag') ? 'alert' : undefined} data-testid="sync-lag">
            {c.syncLag}: {kpis.syncLagP95Seconds ?? c.noData} s ({c.threshold}{' '}
            {thresholds.syncLagP95Seconds} s)
          </li>
        </ul>
      </section>
      <section className="board-card board-pickers">
        <h2>{c.pickerKpis}</h2>
        <table>
          <thead>
            <tr>
              <th>{c.picker}</th>
              <th>{c.linesPerHour}</th>
              <th>{c.unitsPerHour}</th>
              <th>{c.misScanRate}</th>
              <th>{c.shortRate}</th>
            </tr>
          </thead>
          <tbody>
            {kpis.pickers.map((p) => (
              <tr key={p.userId}>
                <td>{p.name}</td>
                <td>{p.linesPerHour ?? '—'}</td>
                <td>{p.unitsPerHour ?? '—'}</td>
                <td>{rate(p.misScanRate)}</td>
                <td>{rate(p.shortRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="board-card board-pickers">
        <Suspense fallback={<p>{t.loading}</p>}>
          <HourlyCharts
            hourly={kpis.hourly}
            titles={{ throughput: c.throughput, perPicker: c.picksPerPicker }}
          />
        </Suspense>
      </section>
    </div>
  );
}

function HealthPart(props: { label: string; part: Part; c: Messages['console']; scale?: number }) {
  const { label, part, c, scale } = props;
  const value =
    part.value === null ? c.noData : scale ? part.value.toFixed(1) : part.value.toFixed(3);
  return (
    <details className="health-part">
      <summary>
        {label}: <strong>{value}</strong>
      </summary>
      <ul>
        {part.ratios.map((r) => (
          <li key={r.name}>
            {r.name}: {r.numerator ?? c.noData} / {r.denominator} × {r.weight}
            {r.value === null ? ` (${c.noData})` : ` = ${(r.value * r.weight).toFixed(3)}`}
          </li>
        ))}
      </ul>
    </details>
  );
}

function rate(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}
