import { Decimal } from 'decimal.js';
import type { EvalFunction, MathJsInstance } from 'mathjs';
import { compile, MalformedEncoding, mathAt, norm, realEntries, subtract, toMath, type Rounding, type Scope } from '../symbolic/numeric.js';
import { decideZero, evalSymbolic, Unsupported, type Sym, type SymbolicDomain, type SymScope, type ZeroDecision } from '../symbolic/symbolic.js';
import type { Encoding } from './claim.js';
import { liveDefs } from './mutants.js';

const cache = new Map<string, EvalFunction>();
function compiled(math: MathJsInstance, key: string, expr: string): EvalFunction {
  const k = `${key}\u0000${expr}`;
  let f = cache.get(k);
  if (!f) {
    f = compile(math, expr);
    cache.set(k, f);
  }
  return f;
}

export interface Residual {
  equation: string;
  /** |lhs - rhs| / scale */
  residual: Decimal;
  /** why this equation decides nothing on this case (its scale is exactly zero, a side was lost to underflow) */
  degenerate?: string;
  /** lhs - rhs, entry by entry, and the scale it was divided by */
  difference: Decimal[];
  scale: Decimal;
  /** the larger side's norm: a scale that tracks it is a relative error's */
  size: Decimal;
}

const sig = (x: Decimal): string => x.toSignificantDigits(4).toExponential();

/**
 * Evaluate an encoding on a numeric scope: the residual of each equation. Every definition
 * and side must be real at the working precision (NotReal otherwise); the two sides of an
 * equation must have one shape, or one be the scalar 0 (MalformedEncoding otherwise: mathjs
 * would broadcast [c] against [c, c, c]).
 */
export function residuals(enc: Encoding, scope: Scope, digits: number, rounding: Rounding = 'nearest'): Residual[] {
  const math = mathAt(digits, rounding);
  const key = `${digits}${rounding}`;
  const s: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(scope)) s[k] = toMath(math, v);
  const ev = (e: string): unknown => compiled(math, key, e).evaluate(s);
  for (const [name, expr] of enc.defs) {
    s[name] = ev(expr);
    // a definition may be a function (f(x) = ...), called by later expressions
    if (typeof s[name] !== 'function') realEntries(math, s[name], `definition ${name}`);
  }
  return enc.equations.map((q): Residual => {
    const L = ev(q.lhs);
    const R = ev(q.rhs);
    const l = realEntries(math, L, `equation ${q.name}: lhs`);
    const r = realEntries(math, R, `equation ${q.name}: rhs`);
    // one shape on both sides; '= 0' against a vector or matrix means every entry vanishes
    const zeroAgainst = (a: typeof l, b: typeof l): boolean => a.shape.length === 0 && a.entries[0]!.isZero() && b.shape.length > 0;
    if (l.shape.join('x') !== r.shape.join('x') && !zeroAgainst(l, r) && !zeroAgainst(r, l))
      throw new MalformedEncoding(`equation ${q.name}: lhs has shape [${l.shape.join(', ')}] and rhs [${r.shape.join(', ')}]`);
    const difference = realEntries(math, subtract(math, L, R), `equation ${q.name}: lhs - rhs`).entries;
    const num = norm(difference);
    const nl = norm(l.entries);
    const nr = norm(r.entries);
    const scale = q.scale !== undefined ? norm(realEntries(math, ev(q.scale), `equation ${q.name}: scale`).entries) : Decimal.max(nl, nr);
    const base = { equation: q.name, difference, scale, size: Decimal.max(nl, nr) };
    if (scale.isZero()) {
      const why = q.scale === undefined ? 'both sides are exactly 0' : `its scale ${q.scale} is exactly 0`;
      return { ...base, residual: num, degenerate: `equation ${q.name}: ${why}, so it decides nothing here` };
    }
    const residual = num.div(scale);
    // a side that is exactly 0 against one below the working resolution, and a residual the
    // scale does not make small: an underflow (fixed point keeps 10^-digits absolute), not a verdict
    const tiny = new Decimal(10).pow(-digits);
    const [zero, other] = nl.isZero() ? ['lhs', nr] : nr.isZero() ? ['rhs', nl] : [undefined, undefined];
    if (zero && other && !other.isZero() && other.lt(tiny) && residual.gt(tiny))
      return { ...base, residual, degenerate: `equation ${q.name}: ${zero} is exactly 0 against ${sig(other)}, below 10^-${digits}: lost to underflow` };
    return { ...base, residual };
  });
}

/**
 * Whether rounding, not the mathematics, decides the residuals above `failing`: the encoding
 * evaluated on the same scope rounding every operation up and then down. A residual made of cancellation
 * ((1 + x) - 1 with x below the precision) or of a comparison sitting on its boundary
 * (sign(3 * (1/3) - 1)) changes by as much as itself between the two; a real discrepancy
 * changes only in its last digits. Returns the reason when rounding decides.
 */
export function roundingDecides(enc: Encoding, scope: Scope, digits: number, failing: Decimal): string | undefined {
  const near = residuals(enc, scope, digits);
  let up: Residual[];
  let down: Residual[];
  try {
    up = residuals(enc, scope, digits, 'ceil');
    down = residuals(enc, scope, digits, 'floor');
  } catch (e) {
    return `the encoding cannot be evaluated rounding up and down (${e instanceof Error ? e.message : String(e)}): ill-conditioned`;
  }
  const notes: string[] = [];
  for (let i = 0; i < near.length; i++) {
    const n = near[i]!;
    if (!n.residual.gt(failing)) continue;
    const spread = norm(up[i]!.difference.map((d, j) => d.minus(down[i]!.difference[j]!)));
    // one equation that fails whichever way the rounding goes is a refutation
    if (spread.div(n.scale).lt(n.residual.div(2))) return undefined;
    notes.push(`equation ${n.equation}: residual ${sig(n.residual)} rounding to nearest, ${sig(up[i]!.residual)} rounding up, ${sig(down[i]!.residual)} rounding down`);
  }
  return notes.length ? `${notes.join('; ')}: rounding decides it (cancellation, or a comparison on its boundary)` : undefined;
}

const decisions = new Map<string, ZeroDecision>();

/**
 * Evaluate the same encoding symbolically and decide whether every equation (or those named)
 * reduces to zero. Memoised on what the decision reads: a variant that changes only an
 * equation outside the symbolic proof reuses the claim's decision.
 */
export function symbolicDecision(enc: Encoding, scopes: SymScope[], only?: string[], domain: SymbolicDomain = {}): ZeroDecision {
  const key = JSON.stringify([enc.defs, enc.equations.filter((q) => !only || only.includes(q.name)), scopes, domain]);
  let d = decisions.get(key);
  if (d === undefined) decisions.set(key, (d = allScopes(scopes, (scope) => decideOne(enc, scope, only, domain))));
  return d;
}

/** Zero when every equation (or each of those named, at least one) reduces to zero in this scope. */
function decideOne(enc: Encoding, scope: SymScope, only?: string[], domain: SymbolicDomain = {}): ZeroDecision {
  try {
    const s: SymScope = { ...scope };
    // inputs bound symbolically stand for the definitions they abstract (e.g. B = U'*dM*U as any symmetric B)
    for (const [name, expr] of enc.defs) {
      if (name in scope) continue;
      try {
        s[name] = evalSymbolic(expr, s);
      } catch (e) {
        // a definition whose inputs are not bound symbolically stays unbound; equations that need it are undecided
        if (!(e instanceof Unsupported)) throw e;
      }
    }
    let undecided = false;
    let decided = 0;
    for (const q of enc.equations) {
      if (only && !only.includes(q.name)) continue;
      const d = decideZero(evalSymbolic(`(${q.lhs}) - (${q.rhs})`, s), domain);
      if (d === 'nonzero') return 'nonzero';
      if (d === 'undecided') undecided = true;
      decided++;
    }
    // a proof that reads no equation proves nothing
    return undecided || decided === 0 ? 'undecided' : 'zero';
  } catch {
    // unsupported or ill-formed (a mutant with mismatched shapes): no symbolic statement
    return 'undecided';
  }
}

/** Every entry of a symbolic value mapped (a scalar, vector or matrix alike). */
function mapSym(x: Sym, f: (e: string) => string): Sym {
  return typeof x === 'string' ? f(x) : (x as (string | string[])[]).map((r) => (typeof r === 'string' ? f(r) : r.map(f))) as Sym;
}

/** Nonzero in any scope wins; zero only when every scope (at least one) decides zero. */
function allScopes(scopes: SymScope[], decide: (scope: SymScope) => ZeroDecision): ZeroDecision {
  if (scopes.length === 0) return 'undecided';
  let undecided = false;
  for (const scope of scopes) {
    let d: ZeroDecision;
    try {
      d = decide(scope);
    } catch {
      d = 'undecided';
    }
    if (d === 'nonzero') return 'nonzero';
    if (d === 'undecided') undecided = true;
  }
  return undecided ? 'undecided' : 'zero';
}

/**
 * Whether a mutated definition keeps the original's value on symbolic inputs (a transpose of
 * a symmetric matrix, say): 'zero' when it does in every scope that evaluates the definition.
 */
export function sameValue(enc: Encoding, name: string, mutated: string, scopes: SymScope[], domain: SymbolicDomain = {}): ZeroDecision {
  return allScopes(scopes.filter((sc) => !(name in sc)), (scope) => {
    const s: SymScope = { ...scope };
    for (const [n, expr] of enc.defs) {
      if (n === name) return decideZero(evalSymbolic(`(${expr}) - (${mutated})`, s), domain);
      if (n in scope) continue;
      try {
        s[n] = evalSymbolic(expr, s);
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
      }
    }
    return 'undecided';
  });
}

/**
 * Whether the statement is homogeneous in an input its symbolic scopes bind: every equation
 * that reads it still reduces to zero with it rescaled (`factor`: '2*' or '-'). Every scope
 * must bind it, and every equation reading it must be among those the scopes decide.
 */
export function homogeneousIn(enc: Encoding, name: string, factor: string, scopes: SymScope[], covered?: string[], domain: SymbolicDomain = {}): ZeroDecision {
  const readers = enc.equations.filter((q) => liveDefs(enc, [q]).has(name)).map((q) => q.name);
  if (scopes.some((sc) => !(name in sc)) || readers.some((q) => covered !== undefined && !covered.includes(q))) return 'undecided';
  return allScopes(scopes, (scope) => (readers.length === 0 ? 'zero' : decideOne(enc, { ...scope, [name]: mapSym(scope[name]!, (e) => `${factor}(${e})`) }, readers, domain)));
}
