import { useEffect, useRef, type ReactNode } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { download } from '../lib/download';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** A CSS colour variable, e.g. '--accent'. */
  color: string;
  kind?: 'line' | 'bars';
  dashed?: boolean;
  format?: (v: number) => string;
}

interface Props {
  title: string;
  /** What the figure means, shown on hover of the title. */
  explain: string;
  /** One label per x position (ISO weeks). */
  labels: string[];
  series: ChartSeries[];
  /** Index of a week to mark (learning switched on). */
  marker?: number | null;
  yRange?: [number, number];
  yFormat?: (v: number) => string;
  onCsv: () => void;
  /** File name without extension. */
  name: string;
  children?: ReactNode;
}

/** A palette variable resolved to a colour the canvas understands (the palette uses light-dark()). */
function css(name: string, alpha = 1): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${name})`;
  document.body.append(probe);
  const rgb = getComputedStyle(probe).color;
  probe.remove();
  const parts = rgb.match(/[\d.]+/g) ?? ['128', '128', '128'];
  return `rgba(${parts[0]}, ${parts[1]}, ${parts[2]}, ${alpha})`;
}

/** The y axis's width: its longest label ("48 min" is wider than "80%") and the tick beside it. */
function labelRoom(u: uPlot, values: string[] | null, axis: number): number {
  const { font, gap = 5, ticks } = u.axes[axis]!;
  u.ctx.font = (Array.isArray(font) ? font[0] : font) ?? '12px system-ui';
  const widest = Math.max(0, ...(values ?? []).map((v) => u.ctx.measureText(v ?? '').width / devicePixelRatio));
  return Math.ceil(Math.max(40, widest + gap + (ticks?.size ?? 10) + 6));
}

/** A chart of weekly figures (uPlot, canvas): hover for values, export its data as CSV or the picture as PNG. */
export function Chart({ title, explain, labels, series, marker, yRange, yFormat, onCsv, name, children }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const build = () => {
      plot.current?.destroy();
      const axisColor = css('--muted');
      const grid = css('--border');
      const options: uPlot.Options = {
        width: Math.max(240, el.clientWidth),
        height: 220,
        scales: {
          x: { time: false, range: () => [-0.5, labels.length - 0.5] },
          y: yRange ? { range: () => yRange } : { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] },
        },
        axes: [
          {
            stroke: axisColor,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid },
            values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? (labels[i]?.slice(5) ?? '') : '')),
          },
          {
            stroke: axisColor,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid },
            values: (_u, splits) => splits.map((v) => (yFormat ? yFormat(v) : String(v))),
            size: labelRoom,
          },
        ],
        legend: { show: true, live: true },
        cursor: { points: { size: 7 } },
        series: [
          { label: 'Week', value: (_u, i) => (i === null ? '' : (labels[i] ?? '')) },
          ...series.map((s) => ({
            label: s.label,
            stroke: css(s.color),
            width: 2,
            dash: s.dashed ? [6, 4] : undefined,
            fill: s.kind === 'bars' ? css(s.color, 0.55) : undefined,
            paths: s.kind === 'bars' ? uPlot.paths.bars!({ size: [0.6, 36] }) : undefined,
            points: { show: s.kind !== 'bars' },
            value: (_u: uPlot, v: number | null) => (v === null ? '—' : s.format ? s.format(v) : String(v)),
            spanGaps: false,
          })),
        ],
        hooks: {
          draw: [
            (u) => {
              if (marker === null || marker === undefined || marker < 0) return;
              const x = u.valToPos(marker - 0.5, 'x', true);
              const ctx = u.ctx;
              ctx.save();
              ctx.strokeStyle = css('--warn');
              ctx.setLineDash([4, 4]);
              ctx.lineWidth = 1.5 * devicePixelRatio;
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
              ctx.restore();
            },
          ],
        },
      };
      plot.current = new uPlot(options, [labels.map((_, i) => i), ...series.map((s) => s.values)] as uPlot.AlignedData, el);
    };
    build();
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(240, el.clientWidth), height: 220 }));
    resize.observe(el);
    // colours follow the theme
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const themed = new MutationObserver(build);
    themed.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    scheme.addEventListener('change', build);
    return () => {
      resize.disconnect();
      themed.disconnect();
      scheme.removeEventListener('change', build);
      plot.current?.destroy();
      plot.current = null;
    };
  }, [labels, series, marker, yRange, yFormat]);

  const png = () => {
    const canvas = plot.current?.ctx.canvas;
    if (!canvas) return;
    const out = document.createElement('canvas');
    const pad = 40 * devicePixelRatio;
    out.width = canvas.width;
    out.height = canvas.height + pad;
    const ctx = out.getContext('2d')!;
    ctx.fillStyle = css('--surface');
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.fillStyle = css('--text');
    ctx.font = `${600} ${15 * devicePixelRatio}px system-ui, sans-serif`;
    ctx.fillText(title, 12 * devicePixelRatio, 26 * devicePixelRatio);
    ctx.drawImage(canvas, 0, pad);
    out.toBlob((blob) => blob && download(`${name}.png`, blob), 'image/png');
  };

  return (
    <section className="chart-card" aria-label={title}>
      <header className="chart-card__head">
        <h2 title={explain}>{title}</h2>
        <div className="row">
          <button className="button button--small" onClick={onCsv} aria-label={`${title}: export CSV`}>
            CSV
          </button>
          <button className="button button--small" onClick={png} aria-label={`${title}: export PNG`}>
            PNG
          </button>
        </div>
      </header>
      <p className="chart-card__explain">{explain}</p>
      <div ref={host} className="chart-card__plot" />
      {children}
    </section>
  );
}

/** A tiny trend line, for tables. */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(1, ...values);
  const w = 96;
  const h = 22;
  const step = values.length > 1 ? w / (values.length - 1) : w;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(h - 2 - (v / max) * (h - 4)).toFixed(1)}`).join(' ');
  return (
    <svg className="sparkline" width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label}>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}
