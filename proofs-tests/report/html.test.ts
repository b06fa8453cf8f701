import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { main } from '../../src/cli/main.js';
import { summarise } from '../../src/cli/report.js';
import type { Claim } from '../../src/core/claim.js';
import type { LawModel } from '../../src/core/laws.js';
import { claimPlots, inlineKatexCss, renderHtml, typeset } from '../../src/report/html.js';
import { lawLines, powerLawOf } from '../../src/report/laws-plot.js';
import { figurePlots, localSlopes, renderSvg, residualPlot } from '../../src/report/plots.js';
import { claims, models } from '../../derivations/index.js';
import { heatmapFigure, linesFigure, loglogFigure, syntheticEntries } from './fixtures.js';

/** The part of the page that belongs to one claim. */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section class="claim`, html.indexOf(`id="claim-${id.replace(/[^\w-]/g, '_')}"`) - 40);
  expect(start).toBeGreaterThan(0);
  return html.slice(start, html.indexOf('</section>', start));
}

const svgsIn = (s: string): string[] => s.match(/<svg[\s\S]*?<\/svg>/g) ?? [];

/** marks vega drew: paths with a non-empty outline inside a mark group */
function marks(svg: string, kind: 'line' | 'rect' | 'symbol'): number {
  const groups = svg.match(new RegExp(`<g class="mark-${kind} role-mark[^"]*"[^>]*>([\\s\\S]*?)</g>`, 'g')) ?? [];
  return groups.reduce((n, g) => n + (g.match(/<path[^>]* d="M[^"]+"/g) ?? []).length, 0);
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'scalecheck-report-'));

describe('HTML report', () => {
  const entries = syntheticEntries();
  const page = renderHtml(summarise(42, 40, entries));

  it('is self-contained: no script, no stylesheet link, nothing fetched over the network', async () => {
    const html = await page;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/@import/);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(?!data:|#)/);
    // KaTeX's fonts travel inside the page
    expect(html).toMatch(/@font-face\{[^}]*src:url\(data:font\/woff2;base64,/);
  });

  it('lists every claim in the summary table and gives each a section with its statement typeset', async () => {
    const html = await page;
    for (const c of entries) {
      expect(html).toContain(`<a href="#claim-${c.id.replace(/[^\w-]/g, '_')}">${c.id}</a>`);
      const s = section(html, c.id);
      expect(s).toContain(`class="katex-display"`);
      expect(s).not.toContain('katex-error');
      for (const v of c.variants) expect(s).toContain(v.name);
      expect(s).toContain(`>${c.verdict}<`);
    }
    expect(html).toContain('3/5 claims hold');
  });

  it('renders every plot of every claim to an SVG with marks', async () => {
    const html = await page;
    const expected: Record<string, number> = {
      'synthetic.identity': 1, // residual
      'synthetic.scaling-loglog': 3, // residual, log-log, local slopes
      'synthetic.scaling-heatmap': 2, // residual, heatmap
      'synthetic.limit-lines': 2, // residual, lines
      'synthetic.lost': 0, // no residual measured, no figure
    };
    for (const c of entries) {
      const svgs = svgsIn(section(html, c.id));
      expect(svgs, c.id).toHaveLength(expected[c.id]!);
      expect(claimPlots(c)).toHaveLength(expected[c.id]!);
      for (const svg of svgs) {
        expect(svg).toMatch(/width="\d+" height="\d+"/);
        expect(marks(svg, 'line') + marks(svg, 'rect') + marks(svg, 'symbol'), c.id).toBeGreaterThan(0);
      }
    }
    const [, heat] = svgsIn(section(html, 'synthetic.scaling-heatmap'));
    expect(marks(heat!, 'rect')).toBeGreaterThan(100);
    expect(marks(heat!, 'line')).toBeGreaterThan(0); // the frontier over the heatmap
  });

  it('keeps element ids unique across the inlined SVGs', async () => {
    const ids = [...(await page).matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows each resolution beside the target the claim asserts', async () => {
    const html = await page;
    // the summary names the equation nearest its target; the section every one
    expect(html).toContain('<td class="num">0.0031 (0.005)</td>');
    expect(section(html, 'synthetic.scaling-loglog')).toContain("exponent 0.0031 (target 0.005; set by the measurement's stated uncertainty), prefactor 0.00020 (target 0.001; set by the floor)");
    // a resolution no case earned (JSON null) and a report written before targets existed
    const old = entries.map((c) => (c.id === 'synthetic.scaling-loglog' ? { ...c, resolution: { exponent: null as unknown as number }, resolutionSource: undefined, target: undefined } : c));
    const oldHtml = await renderHtml(summarise(42, 40, old));
    expect(oldHtml).toContain('<td class="num">n/a (none)</td>');
    expect(section(oldHtml, 'synthetic.scaling-loglog')).toContain('exponent n/a (target none)');
  });
  it('escapes text from the report', async () => {
    const html = await page;
    expect(html).toContain('a note with &lt;markup&gt; &amp; &quot;quotes&quot;');
    expect(html).not.toContain('<markup>');
  });
});

describe('plots', () => {
  it('draws an exact zero residual at the floor, and residuals below float64 range', () => {
    const e = syntheticEntries()[0]!;
    const spec = JSON.stringify(residualPlot(e));
    expect(spec).toContain('exactly 0 (drawn at the floor)');
    expect(spec).toContain('"lg":-399.5'); // log10(3.1e-400), read through Decimal
    // the tolerance line 10^(-0.9 d)
    expect(spec).toContain('"lg":-36');
    expect(spec).toContain('"lg":-72');
  });

  it('draws no residual plot for a claim without residuals', () => {
    expect(residualPlot(syntheticEntries()[4]!)).toBeUndefined();
  });

  it('gives log-log figures a local-slope panel that finds the power law', () => {
    const [law] = localSlopes([loglogFigure.series[1]!]);
    expect(law!.y.length).toBeGreaterThan(10);
    for (const s of law!.y) expect(s).toBeCloseTo(-1.5, 9);
    expect(figurePlots(loglogFigure)).toHaveLength(2);
    expect(figurePlots(linesFigure)).toHaveLength(1);
    expect(figurePlots(heatmapFigure)).toHaveLength(1);
  });

  it('draws nothing for a figure without drawable points', async () => {
    expect(figurePlots({ kind: 'loglog', title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 's', x: [0, -1], y: [1, 2] }] })).toEqual([]);
    expect(figurePlots({ kind: 'heatmap', title: 't', xLabel: 'x', yLabel: 'y', series: [] })).toEqual([]);
  });

  it('renders to SVG with the coordinates rounded', async () => {
    const svg = await renderSvg(figurePlots(loglogFigure)[0]!);
    expect(svg).toMatch(/^<svg/);
    expect(svg).not.toMatch(/ d="[^"]*\.\d{3}/);
    expect(marks(svg, 'line')).toBe(2);
  });
});

describe('KaTeX', () => {
  it('inlines its stylesheet with every font as data', () => {
    const css = inlineKatexCss();
    expect(css).not.toMatch(/url\((?!data:)/);
    expect(css.match(/@font-face/g)!.length).toBe(css.match(/url\(data:font\/woff2;base64,/g)!.length);
  });

  it('shows a statement it cannot parse as marked source, without failing the page', () => {
    expect(typeset('\\frac{1}')).toContain('katex-error');
    // KaTeX itself would print an undefined macro in red and carry on
    expect(typeset('\\badmacro{x}')).toContain('katex-error');
    expect(typeset('x < y')).toContain('class="katex"');
  });

  it('typesets every statement of the catalogue (no undefined macro, no JavaScript escape eaten a backslash)', () => {
    const bad: string[] = [];
    for (const c of claims) {
      const out = typeset(c.statement);
      if (out.includes('katex-error')) bad.push(`${c.id}: ${/title="([^"]*)"/.exec(out)?.[1] ?? out}`);
    }
    expect(bad).toEqual([]);
  });
});

/** A claim that costs nothing: x^2 = y. */
const square: Claim<number> = {
  id: 'tiny.square',
  group: 'tiny',
  kind: 'identity',
  source: 'none',
  statement: 'x^2 = y',
  domain: fc.integer({ min: 1, max: 100 }),
  encoding: { defs: [], equations: [{ name: 'square', lhs: 'x * x', rhs: 'y' }] },
  instance: (p) => ({ scope: { x: new Decimal(p), y: new Decimal(p * p) } }),
  runs: 3,
  variants: [{ name: 'lost square', equations: { square: { lhs: 'x' } } }],
};

const io = (out: string[], err: string[]): { out: (s: string) => void; err: (s: string) => void } => ({ out: (s) => out.push(s), err: (s) => err.push(s) });

describe('command line', () => {
  it('verify --html writes the page', async () => {
    const file = join(tmp(), 'r.html');
    const out: string[] = [];
    const code = await main(['verify', '--html', file, '--quiet', '--jobs', '1'], { claims: [square as Claim<unknown>] }, io(out, []));
    expect(code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('tiny.square');
    expect(svgsIn(html)).toHaveLength(1);
    expect(html).toContain('tolerance 10^(-0.9·d)');
  });

  it('--html without a file is bad input', async () => {
    const err: string[] = [];
    expect(await main(['verify', '--html'], { claims: [square as Claim<unknown>] }, io([], err))).toBe(2);
    expect(err[0]).toMatch(/--html needs a value/);
  });

  it('exponents --plot draws the law lines of a model without figures', async () => {
    const file = join(tmp(), 'laws.svg');
    const out: string[] = [];
    const code = await main(['exponents', 'lazy', '--alpha', '2', '--beta', '3', '--plot', file], { claims: [], models }, io(out, []));
    expect(code).toBe(0);
    const svg = readFileSync(file, 'utf8');
    expect(svg).toMatch(/^<svg/);
    expect(marks(svg, 'line')).toBeGreaterThan(0);
    expect(svg).toContain('lossTime');
  });

  it('exponents --plot draws the figures of a model that has them', async () => {
    const model: LawModel = {
      name: 'toy',
      description: 'L ∝ t^(-p)',
      source: 'none',
      params: [{ name: 'p', meaning: 'the exponent' }],
      domain: [{ when: 'p > 0', message: '--p must be positive' }],
      keys: [{ key: 'loss', meaning: 'L ∝ t^(-loss)' }],
      regimes: [{ name: 'only', description: 'always', when: 'true', formulas: { loss: 'p' } }],
      figures: (params, laws) => [
        { ...loglogFigure, series: [loglogFigure.series[0]!, { name: 'law', x: loglogFigure.series[0]!.x, y: loglogFigure.series[0]!.x.map((t) => t ** -laws.exponents.loss!) }] },
        heatmapFigure,
      ],
    };
    const file = join(tmp(), 'toy.svg');
    expect(await main(['exponents', 'toy', '--p', '1.5', '--plot', file], { claims: [], models: [model] }, io([], []))).toBe(0);
    const svg = readFileSync(file, 'utf8');
    expect(marks(svg, 'rect')).toBeGreaterThan(100);
    expect(marks(svg, 'line')).toBeGreaterThanOrEqual(5); // 2 curves, 2 slopes, 1 frontier
  });

  it('reads power laws from key meanings', () => {
    expect(powerLawOf('L∞(N) ∝ N^(-lossModes)', 'lossModes')).toEqual({ what: 'L∞(N)', variable: 'N', sign: -1 });
    expect(powerLawOf('k* ∝ t^(frontierK)', 'frontierK')).toEqual({ what: 'k*', variable: 't', sign: 1 });
    expect(powerLawOf('recovered directions ∝ (n/d)^count', 'count')).toEqual({ what: 'recovered directions', variable: '(n/d)', sign: 1 });
    expect(powerLawOf('sigma^2 = E[y^2]', 'noise')).toBeUndefined();
    const lazy = models.find((m) => m.name === 'lazy')!;
    const figs = lawLines(lazy, { model: 'lazy', params: {}, regime: 'r', regimeDescription: '', exponents: { lossTime: 1, frontierK: 0.5 }, formulas: {}, latex: {} });
    expect(figs.map((f) => f.xLabel)).toEqual(['t']);
    expect(figs[0]!.series.map((s) => s.y[10])).toEqual([0.1, 10 ** 0.5]);
  });
});


