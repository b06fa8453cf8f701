/**
 * Exponent models: the scaling laws a derivation predicts, written once as mathjs formulas in
 * the model's parameters, by regime. `scalecheck exponents` prints them; the scaling claims of
 * the catalogue check the very same formula text against measurements (formulaOf).
 */
import { evaluate, parse, simplify, type MathNode } from 'mathjs';
import nerdamer from 'nerdamer-prime';
import type { Figure } from './claim.js';

export interface LawParam {
  name: string;
  meaning: string;
}

export interface LawKey {
  /** output key; dotted keys nest in JSON ('compute.N' -> compute: { N }) */
  key: string;
  /** what the number means, with its sign convention (e.g. 'L ∝ t^(-lossTime)') */
  meaning: string;
}

export interface Regime {
  name: string;
  description: string;
  /** mathjs boolean expression in the parameters */
  when: string;
  /** formulas by key; they may use the parameters and other (undotted) keys */
  formulas: Record<string, string>;
}

export interface LawModel {
  name: string;
  description: string;
  source: string;
  params: LawParam[];
  /** conditions every parameter set must meet, each with the message printed when it does not */
  domain: { when: string; message: string }[];
  keys: LawKey[];
  /** formulas shared by every regime (written through other keys) */
  derived?: Record<string, string>;
  regimes: Regime[];
  /** regions where no regime's derivation holds: checked before the regimes */
  excluded?: { when: string; why: string }[];
  /**
   * The simulation beside the predicted laws (`exponents --plot`): measured curves for these
   * parameters, with the laws' lines drawn from `laws` (the evaluated exponents).
   */
  figures?: (params: Record<string, number>, laws: LawResult) => Figure[];
}

/** A parameter set outside the model's domain, or in no regime: printed as one line, exit 2. */
export class LawError extends Error {}

function formulasOf(model: LawModel, regime: Regime): Record<string, string> {
  return { ...(model.derived ?? {}), ...regime.formulas };
}

/** The formula of a key in a regime, other keys substituted in (still unsimplified text). */
export function formulaOf(model: LawModel, regimeName: string, key: string): string {
  const regime = model.regimes.find((r) => r.name === regimeName);
  if (!regime) throw new Error(`model ${model.name}: no regime ${regimeName}`);
  return expand(formulasOf(model, regime), key, []).toString({ parenthesis: 'auto' });
}

/**
 * One expression for a key over every regime: the regimes' conditions as nested mathjs
 * conditionals, so that a claim drawn across regimes checks each regime's own formula.
 */
export function piecewise(model: LawModel, key: string): string {
  const parts = model.regimes.map((r) => [r.when, formulaOf(model, r.name, key)] as const);
  return parts.reduceRight((rest, [when, f]) => `((${when}) ? (${f}) : ${rest})`, 'NaN');
}

function expand(formulas: Record<string, string>, key: string, stack: string[]): MathNode {
  const text = formulas[key];
  if (text === undefined) throw new Error(`no formula for ${key}`);
  if (stack.includes(key)) throw new Error(`formulas refer to each other in a cycle: ${[...stack, key].join(' -> ')}`);
  return parse(text).transform((node, path) => {
    const name = symbolName(node);
    // a function's name (gamma(x)) is not a key, even when a key is spelled like it
    return name !== undefined && path !== 'fn' && name in formulas ? expand(formulas, name, [...stack, key]) : node;
  });
}

function symbolName(node: MathNode): string | undefined {
  return node.type === 'SymbolNode' ? (node as unknown as { name: string }).name : undefined;
}

export interface LawResult {
  model: string;
  params: Record<string, number>;
  regime: string;
  regimeDescription: string;
  exponents: Record<string, number>;
  formulas: Record<string, string>;
  latex: Record<string, string>;
}

const truthy = (expr: string, params: Record<string, number>): boolean => evaluate(expr, { ...params }) === true;

/** Decide the regime and evaluate every key. Throws LawError outside the domain or any regime. */
export function evaluateLaws(model: LawModel, params: Record<string, number>): LawResult {
  for (const p of model.params) if (!Object.hasOwn(params, p.name)) throw new LawError(`model ${model.name}: missing parameter --${p.name} (${p.meaning})`);
  for (const [k, v] of Object.entries(params)) {
    if (!model.params.some((p) => p.name === k)) throw new LawError(`model ${model.name}: unknown parameter --${k} (parameters: ${model.params.map((p) => p.name).join(', ')})`);
    if (!Number.isFinite(v)) throw new LawError(`model ${model.name}: --${k} must be a finite number`);
  }
  for (const d of model.domain) if (!truthy(d.when, params)) throw new LawError(`model ${model.name}: ${d.message}`);
  for (const x of model.excluded ?? []) if (truthy(x.when, params)) throw new LawError(`model ${model.name}: no regime applies: ${x.why}`);
  const regime = model.regimes.find((r) => truthy(r.when, params));
  if (!regime) throw new LawError(`model ${model.name}: no regime's derivation covers these parameters`);
  const formulas = formulasOf(model, regime);
  const out: LawResult = { model: model.name, params, regime: regime.name, regimeDescription: regime.description, exponents: {}, formulas: {}, latex: {} };
  for (const { key } of model.keys) {
    const full = expand(formulas, key, []);
    const value = full.evaluate({ ...params }) as unknown;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new LawError(`model ${model.name}: ${key} is not finite at these parameters`);
    const node = readable(full, params, value);
    out.exponents[key] = value;
    out.formulas[key] = node.toString({ parenthesis: 'auto' });
    out.latex[key] = node.toTex({ parenthesis: 'auto' });
  }
  return out;
}

/**
 * The formula in its shortest printed form among mathjs's simplification and nerdamer's
 * (which clears the nested fractions mathjs keeps), else as written; every rewrite, mathjs's
 * too ((b^4)^(1/4) -> b is not |b|), is kept only if it evaluates to the same value, so the
 * printed formula is never other than the checked one.
 */
function readable(full: MathNode, params: Record<string, number>, value: number): MathNode {
  const rewrites = [(): MathNode => simplify(full), ...['simplify', 'factor'].map((how) => (): MathNode => simplify(parse(briefly(() => nerdamer(`${how}(${full.toString()})`).toString()))))];
  const candidates: MathNode[] = [];
  for (const rewrite of rewrites) {
    try {
      const n = rewrite();
      const v = n.evaluate({ ...params }) as unknown;
      if (typeof v === 'number' && Math.abs(v - value) <= 1e-12 * Math.max(1, Math.abs(value))) candidates.push(n);
    } catch {
      // a rewrite that fails (nerdamer's timeout, mathjs on a conditional) leaves the others
    }
  }
  candidates.push(full);
  const size = (n: MathNode): number => n.toString().replace(/\s/g, '').length;
  return candidates.reduce((a, b) => (size(b) < size(a) ? b : a));
}

/**
 * nerdamer's time budget for a printed form's rewrite: the proofs raise it to a minute
 * (src/symbolic), but a rewrite only shortens what is printed, so one that takes longer than
 * this is abandoned (factor on a rational function of two exponents took a minute).
 */
const REWRITE_MS = 1500;

function briefly<T>(f: () => T): T {
  const settings = (nerdamer as unknown as { getCore(): { Settings: { TIMEOUT: number } } }).getCore().Settings;
  const was = settings.TIMEOUT;
  settings.TIMEOUT = REWRITE_MS;
  try {
    return f();
  } finally {
    settings.TIMEOUT = was;
  }
}

/** Dotted keys nested: { 'compute.N': 1 } -> { compute: { N: 1 } }. */
export function nest<T>(flat: Record<string, T>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flat)) {
    const parts = k.split('.');
    let o = out;
    for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
    o[parts[parts.length - 1]!] = v;
  }
  return out;
}
