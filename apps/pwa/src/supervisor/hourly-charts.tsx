import type { Kpis } from '@wms/protocol';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const COLOURS = ['#0b3d91', '#c40000', '#0a7a2f', '#8a5a00', '#6a1b9a', '#00838f'];

/** What the charts write, in the user's language (uPlot's own date words are English). */
export interface ChartWords {
  throughput: string;
  perPicker: string;
  lines: string;
  units: string;
  time: string;
  /** A time on the x axis and in the legend, through `Intl` in the user's language. */
  hour: (at: Date) => string;
}

/** Throughput per hour, and lines per hour per picker, drawn with uPlot (bundled, lazy). */
export default function HourlyCharts(props: { hourly: Kpis['hourly']; words: ChartWords }) {
  const { hourly, words } = props;
  const throughputRef = useRef<HTMLDivElement>(null);
  const perPickerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const x = hourly.map((h) => Date.parse(h.hour) / 1000);
    const names = [...new Set(hourly.flatMap((h) => Object.keys(h.byPicker)))].sort();
    const width = Math.max(300, (throughputRef.current?.clientWidth ?? 600) - 8);
    const hourText = (seconds: number) => words.hour(new Date(seconds * 1000));
    const time: uPlot.Series = {
      label: words.time,
      value: (_u, v) => (v === null ? '—' : hourText(v)),
    };
    const axes: uPlot.Axis[] = [{ values: (_u, ticks) => ticks.map(hourText) }, {}];
    const charts = [
      new uPlot(
        {
          title: words.throughput,
          width,
          height: 200,
          axes,
          series: [
            time,
            { label: words.lines, stroke: COLOURS[0], fill: 'rgba(11,61,145,0.15)' },
            { label: words.units, stroke: COLOURS[2] },
          ],
        },
        [x, hourly.map((h) => h.lines), hourly.map((h) => h.units)],
        throughputRef.current ?? document.createElement('div'),
      ),
      new uPlot(
        {
          title: words.perPicker,
          width,
          height: 200,
          axes,
          series: [
            time,
            ...names.map((name, i) => ({ label: name, stroke: COLOURS[i % COLOURS.length] })),
          ],
        },
        [x, ...names.map((name) => hourly.map((h) => h.byPicker[name] ?? 0))],
        perPickerRef.current ?? document.createElement('div'),
      ),
    ];
    return () => charts.forEach((chart) => chart.destroy());
  }, [hourly, words]);
  return (
    <div data-testid="charts">
      <div ref={throughputRef} />
      <div ref={perPickerRef} />
    </div>
  );
}
