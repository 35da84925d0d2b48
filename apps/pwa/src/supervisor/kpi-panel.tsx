import type { Kpis, PickerKpi } from '@wms/protocol';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { type ConsoleWords, consoleWordsByLanguage } from '../i18n/console-words';
import { type Formats, useFormats } from '../i18n/format';
import { useLanguage, useMessages } from '../i18n/language';
import type { Messages } from '../i18n/messages-en';
import { api } from '../sync/api-client';
import { useErrorText } from './error-text';
import type { ChartWords } from './hourly-charts';

/** uPlot, bundled with the app (no CDN: the tablet may be offline), loaded only for this tab. */
const HourlyCharts = lazy(() => import('./hourly-charts'));

type Part = Kpis['health']['day']['timeliness'];

/** KPIs: the order health index with how each part is computed, per-picker rates, red alerts. */
export function KpiPanel(props: { token: string; refreshKey: string }) {
  const { token, refreshKey } = props;
  const t = useMessages();
  const c = t.console;
  const language = useLanguage();
  const words = consoleWordsByLanguage[language];
  const format = useFormats();
  const errorText = useErrorText();
  const [kpis, setKpis] = useState<Kpis | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.kpis(token).then(setKpis, (e: unknown) => setError(errorText(e)));
  }, [token, refreshKey, errorText]);
  const chartWords = useMemo<ChartWords>(() => {
    const hour = new Intl.DateTimeFormat(language, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    return {
      throughput: c.throughput,
      perPicker: c.picksPerPicker,
      lines: words.series.lines,
      units: words.series.units,
      time: words.series.time,
      hour: (at) => hour.format(at),
    };
  }, [language, c, words]);
  if (error) return <p className="error">{error}</p>;
  if (!kpis) return <p>{t.loading}</p>;
  const { figures, thresholds, raised } = kpis.redAlerts;
  const rate = (value: number | null) => (value === null ? '—' : format.percent(value));
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
                <strong>{health.index === null ? c.noData : format.number(health.index, 1)}</strong>
              </h3>
              <HealthPart label={c.timeliness} part={health.timeliness} c={c} words={words} />
              <HealthPart label={c.data} part={health.data} c={c} words={words} />
              <HealthPart
                label={c.experience}
                part={health.experience}
                c={c}
                words={words}
                scale={100}
              />
            </div>
          );
        })}
      </section>
      <section className="board-card">
        <h2>{c.redAlerts}</h2>
        <ul className="counts">
          <li className={raised.includes('orders-waiting') ? 'alert' : undefined}>
            {c.stages}: {format.number(figures.ordersWaiting)} ({c.threshold}{' '}
            {format.number(thresholds.ordersWaiting)})
          </li>
          <li className={raised.includes('return-rate') ? 'alert' : undefined}>
            {c.returnRate}: {rate(figures.returnRateToday)} / {rate(figures.returnRateTrailing)} (+
            {format.number(thresholds.returnRateRisePct)}%)
          </li>
          <li className={raised.includes('sync-lag') ? 'alert' : undefined} data-testid="sync-lag">
            {c.syncLag}:{' '}
            {kpis.syncLagP95Seconds === null
              ? c.noData
              : c.seconds(Math.round(kpis.syncLagP95Seconds))}{' '}
            ({c.threshold} {c.seconds(thresholds.syncLagP95Seconds)})
          </li>
        </ul>
      </section>
      <section className="board-card board-pickers">
        <h2>{c.pickerKpis}</h2>
        <p className="hint" data-testid="kpi-window">
          {words.tooEarlyHint(kpis.minActiveMinutes)}
        </p>
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
              <tr key={p.userId} data-testid={`kpi-picker-${p.userId}`}>
                <td>{p.name}</td>
                <td data-testid="lines-per-hour">
                  {perHour(p, p.linesPerHour, kpis.minActiveMinutes, words, format)}
                </td>
                <td>{perHour(p, p.unitsPerHour, kpis.minActiveMinutes, words, format)}</td>
                <td>{rate(p.misScanRate)}</td>
                <td>{rate(p.shortRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="board-card board-pickers">
        <Suspense fallback={<p>{t.loading}</p>}>
          <HourlyCharts hourly={kpis.hourly} words={chartWords} />
        </Suspense>
      </section>
    </div>
  );
}

/** A rate per hour, or "too early" while the picker has worked less than the minimum window. */
function perHour(
  picker: PickerKpi,
  value: number | null,
  minActiveMinutes: number,
  words: ConsoleWords,
  format: Formats,
): string {
  if (value !== null) return format.number(value, 1);
  return picker.scans > 0 && picker.activeMinutes < minActiveMinutes ? words.tooEarly : '—';
}

function HealthPart(props: {
  label: string;
  part: Part;
  c: Messages['console'];
  words: ConsoleWords;
  scale?: number;
}) {
  const { label, part, c, words, scale } = props;
  const format = useFormats();
  const value =
    part.value === null
      ? c.noData
      : scale
        ? format.number(part.value, 1)
        : format.number(part.value, 3);
  return (
    <details className="health-part">
      <summary>
        {label}: <strong>{value}</strong>
      </summary>
      <ul>
        {part.ratios.map((r) => (
          <li key={r.name} data-testid="health-ratio">
            {words.ratio[r.name] ?? r.name}:{' '}
            {r.numerator === null ? c.noData : format.number(r.numerator)} /{' '}
            {format.number(r.denominator)} × {format.number(r.weight, r.weight < 1 ? 1 : 0)}
            {r.value === null ? ` (${c.noData})` : ` = ${format.number(r.value * r.weight, 3)}`}
          </li>
        ))}
      </ul>
    </details>
  );
}
