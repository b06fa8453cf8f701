/** Synthetic report entries exercising every plot kind: log-log with slopes, lines, heatmap with curves, exact zeros, lost claims. */
import type { Figure } from '../../src/core/claim.js';
import type { ClaimEntry } from '../../src/cli/report.js';

const ts = Array.from({ length: 200 }, (_, i) => 10 ** (i / 40));

export const loglogFigure: Figure = {
  kind: 'loglog',
  title: 'synthetic loss against time',
  xLabel: 't',
  yLabel: 'L(t)',
  series: [
    // a power law reached only late: its local slope settles at -1.5
    { name: 'L(t) measured', x: ts, y: ts.map((t) => (1 + t) ** -1.5 + 1e-9) },
    { name: 'law', x: ts, y: ts.map((t) => t ** -1.5) },
  ],
};

const ss = Array.from({ length: 90 }, (_, j) => -12 + (12 * j) / 89);

export const heatmapFigure: Figure = {
  kind: 'heatmap',
  title: 'synthetic shell energy over (ln λ, t)',
  xLabel: 't',
  yLabel: 's = ln λ',
  series: [{ name: 'frontier ln λ*', x: ts, y: ts.map((t) => -Math.log(1 + t)) }],
  // energy peaked around the frontier, spread over decades (log colour scale), zero far above it
  heatmap: {
    x: ts,
    y: ss,
    z: ss.map((s) => ts.map((t) => (s > 2 - Math.log(1 + t) ? 0 : Math.exp(-((s + Math.log(1 + t)) ** 2))))),
    zLabel: 'energy per unit ln λ',
  },
};

export const linesFigure: Figure = {
  kind: 'lines',
  title: 'synthetic risk against n/d',
  xLabel: 'n/d',
  yLabel: 'risk',
  series: [{ name: 'risk', x: [0.5, 1, 1.5, 2, 3], y: [2, 5, 1.2, 0.8, 0.5] }],
};

const variants = [
  { name: 'exponent off by one', verdict: 'refuted' as const },
  { name: 'lost factor 2', verdict: 'refuted' as const },
];

export function syntheticEntries(): ClaimEntry[] {
  return [
    {
      id: 'synthetic.identity',
      group: 'synthetic',
      kind: 'identity',
      source: 'arXiv:0000.00000',
      statement: '\\sum_{k} \\lambda_k \\, \\langle u_k, v \\rangle^2 = v^\\top M v',
      verdict: 'proved',
      runs: 3,
      axis: 'digits',
      levels: [40, 80],
      tolerance: 0.9,
      // a residual far below float64's range, then an exact zero
      maxResidual: '0e+0',
      maxResidualByLevel: { '40': '3.1e-400', '80': '0e+0' },
      symbolic: 'zero',
      degenerate: 0,
      durationMs: 120,
      variants,
    },
    {
      id: 'synthetic.scaling-loglog',
      group: 'synthetic',
      kind: 'scaling',
      source: 'arXiv:0000.00000',
      statement: 'L(t) \\sim \\frac{\\Gamma(\\nu)}{2\\alpha}(2t)^{-\\nu},\\; \\nu = \\frac{\\beta-1}{\\alpha}',
      verdict: 'verified',
      runs: 3,
      axis: 'range',
      levels: [2, 3, 4, 5],
      levelLabel: 'fit window [10^(l-1), 10^l] in t',
      resolution: { exponent: 3.1e-3, prefactor: 2e-4 },
      resolutionSource: { exponent: 'stated', prefactor: 'floor' },
      target: { exponent: 0.005, prefactor: 1e-3 },
      maxResidual: '1.2e-3',
      maxResidualByLevel: { '2': '3.4e-1', '3': '4.1e-2', '4': '6.0e-3', '5': '1.2e-3' },
      symbolic: 'n/a',
      degenerate: 0,
      durationMs: 2400,
      variants,
      figure: loglogFigure,
    },
    {
      id: 'synthetic.scaling-heatmap',
      group: 'synthetic',
      kind: 'scaling',
      source: 'arXiv:0000.00000',
      statement: '\\lambda^*(t) \\propto t^{-(q+1)/\\sigma}',
      verdict: 'verified',
      runs: 3,
      axis: 'range',
      levels: [3, 4, 5],
      levelLabel: 'fit window [10^(l-1), 10^l] in t',
      tolerance: 0.02,
      maxResidual: '9e-3',
      maxResidualByLevel: { '3': '8e-2', '4': '2e-2', '5': '9e-3' },
      symbolic: 'n/a',
      degenerate: 0,
      durationMs: 3100,
      variants,
      figure: heatmapFigure,
    },
    {
      id: 'synthetic.limit-lines',
      group: 'synthetic',
      kind: 'limit',
      source: 'arXiv:0000.00000',
      statement: 'R(n/d) \\to \\frac{\\sigma^2}{1 - d/n}',
      verdict: 'refuted',
      runs: 3,
      axis: 'digits',
      levels: [40, 80],
      maxResidual: '2.0e-1',
      maxResidualByLevel: { '40': '2.1e-1', '80': '2.0e-1' },
      symbolic: 'n/a',
      degenerate: 1,
      durationMs: 800,
      counterexample: { seed: 42, path: '0:1', params: { n: 3 }, residuals: { 40: '2.1e-1', 80: '2.0e-1' }, equation: 'risk', replay: 'scalecheck verify --seed 42 --replay synthetic.limit-lines:0:1' },
      notes: ['a note with <markup> & "quotes"'],
      variants: [{ name: 'flipped sign', verdict: 'inconclusive' }],
      figure: linesFigure,
    },
    {
      id: 'synthetic.lost',
      group: 'synthetic',
      kind: 'identity',
      source: 'arXiv:0000.00000',
      statement: 'P_k(t) = \\frac{1}{2\\pi i}\\oint (z - M(t))^{-1}\\, dz',
      verdict: 'timeout',
      runs: 0,
      axis: 'digits',
      levels: [40, 80],
      maxResidual: 'n/a',
      maxResidualByLevel: {},
      symbolic: 'n/a',
      degenerate: 0,
      durationMs: 300000,
      variants: [{ name: 'flipped sign', verdict: 'timeout' }],
    },
  ];
}
