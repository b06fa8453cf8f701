/**
 * Reading a law model's regimes for the phase-diagram claims (diag.phase-diagram,
 * quad.phase-diagram): a regime's formula in one measurement's names, which regime a point falls
 * in, and the model with one boundary moved (the wrong variants that put a crossover elsewhere).
 */
import { evaluate, parse, simplify, OperatorNode, SymbolNode, type MathNode } from 'mathjs';
import { formulaOf, piecewise, type LawModel, type Variant } from '../src/api/index.js';

/**
 * Products with a literal 0 folded away: riskPath = riskN - beta * riskLambda reads
 * '0 - beta * 0' in a flat regime, which states nothing beyond '0' (and a side that is the
 * literal 0 is what the check and its mutants read as such).
 */
const ZERO_RULES = ['n * 0 -> 0', '0 * n -> 0', 'n - 0 -> n', 'n + 0 -> n', '0 + n -> n'];

/** A law's text with its parameters renamed to one measurement's scope names (`bias_beta`, ...). */
export function renamed(text: string, prefix: string): MathNode {
  return parse(text).transform((node) => {
    const name = (node as unknown as { name?: string }).name;
    return node.type === 'SymbolNode' && (name === 'beta' || name === 'sigma' || name === 'alpha' || name === 'kappa') ? new SymbolNode(`${prefix}_${name}`) : node;
  });
}

/** A regime's formula with its parameters renamed to one measurement's scope names. */
export function formulaFor(model: LawModel, regime: string, key: string, prefix: string): string {
  return simplify(renamed(formulaOf(model, regime, key), prefix), ZERO_RULES).toString({ parenthesis: 'auto' });
}

/**
 * The regime a model assigns (its domain, exclusions and regimes' conditions, read as
 * evaluateLaws reads them, without simplifying every formula, which is slow).
 */
export function regimeOf(model: LawModel, params: Record<string, number>): string {
  const holds = (expr: string): boolean => evaluate(expr, { ...params }) === true;
  for (const d of model.domain) if (!holds(d.when)) throw new Error(`${model.name} model: ${d.message}`);
  for (const x of model.excluded ?? []) if (holds(x.when)) throw new Error(`${model.name} model: no regime: ${x.why}`);
  const r = model.regimes.find((g) => holds(g.when));
  if (!r) throw new Error(`${model.name} model: no regime`);
  return r.name;
}

/**
 * The model with one boundary moved: every regime condition comparing `param` with `at`
 * (beta > 1, beta < 1 - gamma, kappa > 1, ...) compares it with `to` instead.
 */
export function movedModel(model: LawModel, param: string, at: string, to: string): LawModel {
  const boundary = parse(at).toString();
  const comparisons = new Set(['larger', 'smaller', 'largerEq', 'smallerEq']);
  const shift = (when: string): string =>
    parse(when)
      .transform((node) => {
        if (node.type !== 'OperatorNode') return node;
        const op = node as unknown as OperatorNode;
        const [lhs, rhs] = op.args;
        const isParam = lhs?.type === 'SymbolNode' && (lhs as unknown as { name: string }).name === param;
        if (!comparisons.has(op.fn) || !isParam || rhs?.toString() !== boundary) return node;
        return new OperatorNode(op.op, op.fn, [lhs, parse(to)]);
      })
      .toString();
  const regimes = model.regimes.map((r) => ({ ...r, when: shift(r.when) }));
  if (regimes.every((r, i) => r.when === model.regimes[i]!.when)) throw new Error(`no condition of ${model.name} compares ${param} with ${at}`);
  return { ...model, regimes };
}

/** A point a phase-diagram measurement reads: its name, the regime it sits in, its parameters. */
export interface RegimePoint {
  name: string;
  regime: string;
  scope: Record<string, number>;
}

/**
 * A boundary moved: the (moved) model's piecewise laws (every regime's condition and formula, as
 * one conditional expression) read in place of the exponents of the measurements that the move
 * puts in another regime at one of `points` (the others read their own formula either way).
 */
export function boundaryMoved(name: string, model: LawModel, points: Iterable<RegimePoint>): Variant {
  const keyed = (key: string, m: string): string => renamed(piecewise(model, key), m).toString({ parenthesis: 'auto' });
  const moved = new Set<string>();
  for (const p of points) if (model.regimes.find((g) => evaluate(g.when, p.scope) === true)?.name !== p.regime) moved.add(p.name);
  if (moved.size === 0) throw new Error(`${name}: moves no measurement`);
  return { name, equations: Object.fromEntries([...moved].flatMap((m) => [[`${m}.path`, { rhs: keyed('riskPath', m) }], [`${m}.lambda`, { rhs: keyed('riskLambda', m) }]])) };
}
