/**
 * Plots for the reports, as Vega-Lite specs rendered to SVG in Node (vega View, renderer
 * 'none'): a claim's worst residual against its levels, and its Figure (log-log curves with
 * their local slopes, plain curves, or a heatmap with curves drawn over it).
 */
import { Decimal } from 'decimal.js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Figure, Series } from '../core/claim.js';

/** A single-view plot: a layered Vega-Lite spec (composable into a column). */
export type LayerPlot = Extract<TopLevelSpec, { layer: unknown }>;

type Row = Record<string, number | string>;

const WIDTH = 440;
const HEIGHT = 240;
/** points kept per curve: enough for the eye, few enough to keep the SVG small */
const MAX_POINTS = 400;
/** heatmap cells kept per axis (neighbouring cells averaged) */
const MAX_CELLS_X = 72;
const MAX_CELLS_Y = 48;
/** decades of a heatmap's values shown on its log colour scale */
const Z_DECADES = 8;

/** What a plot of a claim's residuals needs from its report entry. */
export interface ResidualData {
  id: string;
  axis: 'digits' | 'range';
  levels: number[];
  levelLabel?: string;
  /** axis 'digits': the fraction of the working digits the residual must reach (default 0.9) */
  tolerance?: number;
  /** axis 'range': per equation, the error beyond which every error in its formula is refuted */
  resolution?: Record<string, number>;
  maxResidualByLevel: Record<string, string>;
}

/** log10 of a residual printed as a decimal string; -Infinity for 0, undefined when not a number */
function log10Of(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  let d: Decimal;
  try {
    d = new Decimal(s);
  } catch {
    return undefined;
  }
  if (d.isNaN() || !d.isFinite() || d.isNegative()) return undefined;
  // via Decimal: residuals at high precision lie far below float64's range
  return d.isZero() ? Number.NEGATIVE_INFINITY : d.log(10).toNumber();
}

/**
 * The worst residual (log10, so that residuals below 1e-308 still plot) against the levels,
 * with the line it must reach: 10^(-tau d) at d working digits, or (scaling claims) the resolution
 * the extrapolated measurement earned.
 * Undefined when no level has a residual.
 */
export function residualPlot(e: ResidualData): LayerPlot | undefined {
  const measured = e.levels.map((l) => ({ level: l, lg: log10Of(e.maxResidualByLevel[String(l)]) }));
  if (!measured.some((m) => m.lg !== undefined)) return undefined;
  // scaling claims: the coarsest resolution the measurement earned, for scale
  const resolutions = Object.values(e.resolution ?? {});
  const resolution = resolutions.length ? Math.max(...resolutions) : Number.NaN;
  const tolLine = e.levels.map((l) => ({
    level: l,
    lg: e.axis === 'digits' ? -(e.tolerance ?? 0.9) * l : Math.log10(resolution),
  }));
  const tolName = e.axis === 'digits' ? `tolerance 10^(-${e.tolerance ?? 0.9}·d)` : `resolution ${resolution.toPrecision(2)}`;
  const finite = [...measured, ...tolLine].map((m) => m.lg).filter((x): x is number => x !== undefined && Number.isFinite(x));
  // an exact zero has no logarithm: drawn at the floor of the plot, and named so
  const floor = Math.floor(Math.min(...finite)) - 1;
  const rows: Row[] = [];
  for (const m of measured) if (m.lg !== undefined && Number.isFinite(m.lg)) rows.push({ level: m.level, lg: m.lg, series: 'worst residual' });
  for (const t of tolLine) if (Number.isFinite(t.lg)) rows.push({ level: t.level, lg: t.lg, series: tolName });
  const zeroName = 'exactly 0 (drawn at the floor)';
  const zeros: Row[] = measured.filter((m) => m.lg === Number.NEGATIVE_INFINITY).map((m) => ({ level: m.level, lg: floor, series: zeroName }));
  const names = ['worst residual', tolName, ...(zeros.length ? [zeroName] : [])];
  const color = { field: 'series', type: 'nominal' as const, title: null, scale: { domain: names, range: ['#1f77b4', '#7f7f7f', '#d62728'] }, legend: { orient: 'bottom' as const, labelLimit: 0 } };
  const xTitle = e.axis === 'digits' ? 'working digits' : (e.levelLabel ?? 'range level');
  const x = { field: 'level', type: 'quantitative' as const, title: xTitle, axis: { values: e.levels, format: 'd' }, scale: { zero: false, nice: false } };
  const y = { field: 'lg', type: 'quantitative' as const, title: 'log10 worst residual', scale: { zero: false } };
  return {
    title: { text: `${e.id}: residual against ${e.axis === 'digits' ? 'working precision' : 'range'}`, fontSize: 12 },
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y,
          // the measurement solid, the line it must reach dashed and grey
          color,
          strokeDash: { field: 'series', type: 'nominal', title: null, scale: { domain: names, range: [[1, 0], [6, 4], [1, 0]] } },
        },
      },
      ...(zeros.length
        ? [{ data: { values: zeros }, mark: { type: 'point' as const, shape: 'triangle-down', filled: true, size: 80 }, encoding: { x, y, color } }]
        : []),
    ],
  };
}

/** Every i-th point, the last always kept. */
function thin<T>(xs: T[], max: number): T[] {
  if (xs.length <= max) return xs;
  const step = Math.ceil(xs.length / max);
  const out = xs.filter((_, i) => i % step === 0);
  if ((xs.length - 1) % step !== 0) out.push(xs[xs.length - 1]!);
  return out;
}

function points(s: Series, positive: boolean): { x: number; y: number }[] {
  const n = Math.min(s.x.length, s.y.length);
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i < n; i++) {
    const x = s.x[i]!;
    const y = s.y[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (positive && (x <= 0 || y <= 0)) continue;
    out.push({ x, y });
  }
  return out;
}

function curveRows(series: Series[], positive: boolean): Row[] {
  return series.flatMap((s) => thin(points(s, positive), MAX_POINTS).map((p) => ({ x: p.x, y: p.y, series: s.name })));
}

/** Powers of ten over the values' range: a log axis's ticks, one a decade (thinned to about 8). */
function decades(values: number[]): number[] | undefined {
  const pos = values.filter((v) => v > 0);
  if (pos.length === 0) return undefined;
  const lo = Math.floor(Math.log10(Math.min(...pos)));
  const hi = Math.ceil(Math.log10(Math.max(...pos)));
  const step = Math.max(1, Math.ceil((hi - lo) / 8));
  const out: number[] = [];
  for (let k = lo; k <= hi; k += step) out.push(10 ** k);
  return out.length >= 2 ? out : undefined;
}

/** A quantitative axis: log with a tick per decade, or linear not forced through zero. */
function axisOf(field: string, title: string, scale: 'log' | 'linear', values: number[]): Record<string, unknown> {
  if (scale === 'linear') return { field, type: 'quantitative', title, scale: { zero: false } };
  const ticks = decades(values);
  return { field, type: 'quantitative', title, scale: { type: 'log' }, axis: ticks ? { values: ticks, format: '~e', grid: true } : { format: '~e' } };
}

function curves(fig: Figure, rows: Row[], scale: 'log' | 'linear', xScale: 'log' | 'linear' = scale): LayerPlot {
  return {
    title: { text: fig.title, fontSize: 12 },
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', clip: true },
        encoding: {
          x: axisOf('x', fig.xLabel, xScale, rows.map((r) => r.x as number)),
          y: axisOf('y', fig.yLabel, scale, rows.map((r) => r.y as number)),
          color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom', labelLimit: 0 } },
        },
      },
    ],
  };
}

/**
 * Local slopes d ln y / d ln x of each curve, over windows of about 1/60 of its points: where
 * a power law holds they settle at its exponent as the range grows.
 */
export function localSlopes(series: Series[]): Series[] {
  const out: Series[] = [];
  for (const s of series) {
    const p = points(s, true).sort((a, b) => a.x - b.x);
    if (p.length < 3) continue;
    const k = Math.max(1, Math.floor(p.length / 60));
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i + k < p.length; i += k) {
      const [a, b] = [p[i]!, p[i + k]!];
      const dx = Math.log(b.x) - Math.log(a.x);
      if (dx <= 0) continue;
      x.push(Math.sqrt(a.x * b.x));
      y.push((Math.log(b.y) - Math.log(a.y)) / dx);
    }
    if (x.length) out.push({ name: s.name, x, y });
  }
  return out;
}

/** Cell edges between neighbouring centres (geometric on a log axis), the ends extended by half a cell. */
function edges(c: number[], log: boolean): number[] {
  const t = log ? c.map(Math.log) : c;
  const mid = t.slice(1).map((v, i) => (v + t[i]!) / 2);
  const first = t.length > 1 ? t[0]! - (t[1]! - t[0]!) / 2 : t[0]! - 0.5;
  const last = t.length > 1 ? t[t.length - 1]! + (t[t.length - 1]! - t[t.length - 2]!) / 2 : t[0]! + 0.5;
  const e = [first, ...mid, last];
  return log ? e.map(Math.exp) : e;
}

/** Index blocks [start, end) of at most `max` blocks covering 0..n. */
function blocks(n: number, max: number): [number, number][] {
  const size = Math.ceil(n / max);
  const out: [number, number][] = [];
  for (let i = 0; i < n; i += size) out.push([i, Math.min(n, i + size)]);
  return out;
}

const spansDecades = (v: number[]): boolean => v.length > 1 && v.every((x) => x > 0) && Math.max(...v) / Math.min(...v) >= 100;

/** A heatmap of z over (x, y), block-averaged to a readable number of cells, the figure's curves on top. */
function heatmapPlot(fig: Figure): LayerPlot {
  const h = fig.heatmap!;
  const logX = spansDecades(h.x);
  const logY = spansDecades(h.y);
  const ex = edges(h.x, logX);
  const ey = edges(h.y, logY);
  const cells: Row[] = [];
  for (const [i0, i1] of blocks(h.y.length, MAX_CELLS_Y)) {
    for (const [j0, j1] of blocks(h.x.length, MAX_CELLS_X)) {
      let sum = 0;
      let n = 0;
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) {
        const v = h.z[i]?.[j];
        if (v !== undefined && Number.isFinite(v)) {
          sum += v;
          n++;
        }
      }
      if (n) cells.push({ x0: ex[j0]!, x1: ex[j1]!, y0: ey[i0]!, y1: ey[i1]!, z: sum / n });
    }
  }
  const zs = cells.map((c) => c.z as number);
  const zPos = zs.filter((z) => z > 0);
  // energies spread over decades read on a log colour scale over the top Z_DECADES decades
  // (smaller values get the lowest colour); cells at 0 are then left blank
  const zMax = Math.max(...zPos);
  const logZ = zs.every((z) => z >= 0) && zPos.length > 0 && zMax / Math.min(...zPos) >= 1e3;
  const zFloor = Math.max(Math.min(...zPos), zMax * 10 ** -Z_DECADES);
  const shown = logZ ? cells.filter((c) => (c.z as number) > 0) : cells;
  const xScale = { type: logX ? ('log' as const) : ('linear' as const), nice: false, domain: [ex[0]!, ex[ex.length - 1]!] };
  const yScale = { type: logY ? ('log' as const) : ('linear' as const), nice: false, domain: [ey[0]!, ey[ey.length - 1]!] };
  const overlay = fig.series.flatMap((s) =>
    thin(points(s, false), MAX_POINTS)
      .filter((p) => (!logX || p.x > 0) && (!logY || p.y > 0))
      .map((p) => ({ x: p.x, y: p.y, series: s.name })),
  );
  return {
    title: { text: fig.title, fontSize: 12 },
    width: WIDTH,
    height: HEIGHT + 40,
    resolve: { scale: { color: 'independent' } },
    layer: [
      {
        data: { values: shown },
        mark: { type: 'rect', clip: true },
        encoding: {
          x: { field: 'x0', type: 'quantitative', title: fig.xLabel, scale: xScale, axis: logX ? { values: decades(h.x), format: '~e' } : {} },
          x2: { field: 'x1' },
          y: { field: 'y0', type: 'quantitative', title: fig.yLabel, scale: yScale, axis: logY ? { values: decades(h.y), format: '~e' } : {} },
          y2: { field: 'y1' },
          color: { field: 'z', type: 'quantitative', title: h.zLabel, scale: logZ ? { type: 'log', scheme: 'viridis', domain: [zFloor, zMax], clamp: true } : { scheme: 'viridis' }, legend: { orient: 'right', titleLimit: 200, ...(logZ ? { format: '~e' } : {}) } },
        },
      },
      ...(overlay.length
        ? [
            {
              data: { values: overlay },
              mark: { type: 'line' as const, clip: true, strokeWidth: 2 },
              encoding: {
                x: { field: 'x', type: 'quantitative' as const },
                y: { field: 'y', type: 'quantitative' as const },
                color: { field: 'series', type: 'nominal' as const, title: null, scale: { range: ['#ff4136', '#ffffff', '#ff851b', '#f012be'] }, legend: { orient: 'bottom' as const, labelLimit: 0 } },
              },
            },
          ]
        : []),
    ],
  };
}

/**
 * The plots of a figure: log-log curves and their local slopes (unless `withSlopes` is false:
 * pure power laws, whose slopes are constant); plain curves; or the heatmap with its curves. A
 * figure with nothing drawable gives no plot.
 */
export function figurePlots(fig: Figure, withSlopes = true): LayerPlot[] {
  if (fig.kind === 'heatmap') {
    if (!fig.heatmap || fig.heatmap.x.length === 0 || fig.heatmap.y.length === 0) return [];
    return [heatmapPlot(fig)];
  }
  if (fig.kind === 'lines') {
    const rows = curveRows(fig.series, false);
    return rows.length ? [curves(fig, rows, 'linear')] : [];
  }
  const rows = curveRows(fig.series, true);
  if (!rows.length) return [];
  const out = [curves(fig, rows, 'log')];
  const slopes = withSlopes ? localSlopes(fig.series) : [];
  if (slopes.length) {
    const slopeFig: Figure = { kind: 'lines', title: `local slope d ln y / d ln x: ${fig.title}`, xLabel: fig.xLabel, yLabel: `local exponent of ${fig.yLabel}`, series: slopes };
    out.push(curves(slopeFig, curveRows(slopes, false), 'linear', 'log'));
  }
  return out;
}

/** Plots stacked in one column under one heading. */
export function column(plots: LayerPlot[], heading: string, lines: string[] = []): TopLevelSpec {
  return {
    title: { text: heading, subtitle: lines, anchor: 'start', fontSize: 14, subtitleFontSize: 11 },
    vconcat: plots,
    spacing: 28,
    // each plot its own series and colours, each with its legend
    resolve: { scale: { color: 'independent', strokeDash: 'independent' }, legend: { color: 'independent', strokeDash: 'independent' } },
  };
}

let svgCount = 0;

/**
 * Compile and render to an SVG string. Element ids are prefixed per plot, so that several SVGs
 * inlined in one page never resolve each other's clip paths or gradients.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  // no per-mark aria labels: they would triple the size of a heatmap's SVG
  const view = new View(parse(compile({ background: 'white', ...spec, config: { aria: false } }).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const p = `p${++svgCount}-`;
    return svg
      // coordinates to 1/100 px: the renderer prints 15 digits
      .replace(/ (d|transform)="([^"]*)"/g, (_, a: string, v: string) => ` ${a}="${v.replace(/(\.\d\d)\d+/g, '$1')}"`)
      .replace(/\bid="([^"]+)"/g, `id="${p}$1"`)
      .replace(/url\(#([^)]+)\)/g, `url(#${p}$1)`)
      .replace(/href="#([^"]+)"/g, `href="#${p}$1"`);
  } finally {
    view.finalize();
  }
}
