/**
 * `scalecheck exponents MODEL ... --plot FILE.svg`: the predicted laws with the model's
 * simulation beside them (LawModel.figures), or, for a model that draws none, the laws' lines
 * alone, read from the keys' meanings ('L ∝ t^(-lossTime)').
 */
import { UsageError } from '../cli/args.js';
import type { Figure } from '../core/claim.js';
import type { LawModel, LawResult } from '../core/laws.js';
import { column, figurePlots, renderSvg } from './plots.js';

const fmt = (x: number): string => Number(x.toPrecision(4)).toString();

/** 'what ∝ var^(-key)' (or ^key): the quantity, the variable and the sign the key's meaning states. */
export function powerLawOf(meaning: string, key: string): { what: string; variable: string; sign: 1 | -1 } | undefined {
  const escaped = key.replace(/[.]/g, '\\.');
  const m = new RegExp(`([^:;,]*?)\\s*∝\\s*([^\\s^]+)\\^\\(?\\s*(-?)\\s*${escaped}\\b\\)?`).exec(meaning);
  if (!m) return undefined;
  return { what: m[1]!.trim() || key, variable: m[2]!, sign: m[3] === '-' ? -1 : 1 };
}

/** One log-log figure per scaling variable: each law's line, normalised to 1 at the variable = 1. */
export function lawLines(model: LawModel, r: LawResult): Figure[] {
  const byVariable = new Map<string, Figure>();
  const xs = Array.from({ length: 41 }, (_, i) => 10 ** (i / 10));
  for (const { key, meaning } of model.keys) {
    const law = powerLawOf(meaning, key);
    const v = r.exponents[key];
    if (!law || v === undefined) continue;
    const p = law.sign * v;
    let fig = byVariable.get(law.variable);
    if (!fig) {
      fig = { kind: 'loglog', title: `predicted laws in ${law.variable} (each normalised to 1 at ${law.variable} = 1)`, xLabel: law.variable, yLabel: 'relative size', series: [] };
      byVariable.set(law.variable, fig);
    }
    fig.series.push({ name: `${law.what} ∝ ${law.variable}^${fmt(p)} (${key})`, x: xs, y: xs.map((x) => x ** p) });
  }
  return [...byVariable.values()];
}

/** The SVG of `exponents --plot`: the model's figures (or its law lines) under the evaluated laws. */
export async function lawsSvg(model: LawModel, r: LawResult): Promise<string> {
  // law lines alone have constant local slopes: no slope panel for them
  const plots = model.figures ? model.figures(r.params, r).flatMap((f) => figurePlots(f)) : lawLines(model, r).flatMap((f) => figurePlots(f, false));
  if (plots.length === 0) {
    throw new UsageError(`model ${model.name}: ${model.figures ? 'its figures have nothing to draw' : `draws no figures and no key's meaning reads 'Y ∝ X^(key)'`}: nothing to plot`);
  }
  const params = Object.entries(r.params).map(([k, v]) => `${k} = ${fmt(v)}`).join(', ');
  const lines = [`${model.source}; ${params}`, `regime ${r.regime}: ${r.regimeDescription}`, ...model.keys.map(({ key }) => `${key} = ${r.formulas[key]} = ${fmt(r.exponents[key]!)}`)];
  return renderSvg(column(plots, `${model.name}: ${model.description}`, lines));
}
