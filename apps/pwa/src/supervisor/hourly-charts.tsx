import type { Kpis } from '@wms/protocol';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const COLOURS = ['#0b3d91', '#c40000', '#0a7a2f', '#8a5a00', '#6a1b9a', '#00838f'];

/** Throughput per hour, and lines per hour per picker, drawn with uPlot (bundled, lazy). */
export default function HourlyCharts(props: {
  hourly: Kpis['hourly'];
  titles: { throughput: string; perPicker: string };
}) {
  const { hourly } = props;
  const { throughput, perPicker } = props.titles;
  const throughputRef = useRef<HTMLDivElement>(null);
  const perPickerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const x = hourly.map((h) => Date.parse(h.hour) / 1000);
    const names = [...new Set(hourly.flatMap((h) => Object.keys(h.byPicker)))].sort();
    const width = Math.max(300, (throughputRef.current?.clientWidth ?? 600) - 8);
    const charts = [
      new uPlot(
        {
          title: throughput,
          width,
          height: 200,
          series: [
            {},
            { label: 'lines', stroke: COLOURS[0], fill: 'rgba(11,61,145,0.15)' },
            { label: 'units', stroke: COLOURS[2] },
          ],
        },
        [x, hourly.map((h) => h.lines), hourly.map((h) => h.units)],
        throughputRef.current ?? document.createElement('div'),
      ),
      new uPlot(
        {
          title: perPicker,
          width,
          height: 200,
          series: [
            {},
            ...names.map((name, i) => ({ label: name, stroke: COLOURS[i % COLOURS.length] })),
          ],
        },
        [x, ...names.map((name) => hourly.map((h) => h.byPicker[name] ?? 0))],
        perPickerRef.current ?? document.createElement('div'),
      ),
    ];
    return () => charts.forEach((chart) => chart.destroy());
  }, [hourly, throughput, perPicker]);
  return (
    <div data-testid="charts">
      <div ref={throughputRef} />
      <div ref={perPickerRef} />
    </div>
  );
}
