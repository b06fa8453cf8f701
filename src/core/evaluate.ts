import { Decimal } from 'decimal.js';
import type { EvalFunction, MathJsInstance } from 'mathjs';
import { compile, mathAt, normOf, subtract, toMath, type Scope } from '../symbolic/numeric.js';
import { decideZero, evalSymbolic, Unsupported, type Sym, type SymScope, type ZeroDecision } from '../symbolic/symbolic.js';
import type { Encoding } from './claim.js';
import { liveDefs } from './mutants.js';

const cache = new Map<string, EvalFunction>();
function compiled(math: MathJsInstance, digits: number, expr: string): EvalFunction {
  const key = `${digits}\u0000${expr}`;
  let f = cache.get(key);
  if (!f) {
    f = compile(math, expr);
    cache.set(key, f);
  }
  return f;
}

export interface Residual {
  equation: string;
  residual: Decimal;
}

/** Evaluate an encoding on a numeric scope: the residual of each equation. */
export function residuals(enc: Encoding, scope: Scope, digits: number): Residual[] {
  const math = mathAt(digits);
  const s: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(scope)) s[k] = toMath(math, v);
  const ev = (e: string): unknown => compiled(math, digits, e).evaluate(s);
  for (const [name, expr] of enc.defs) s[name] = ev(expr);
  return enc.equations.map((q) => {
    const L = ev(q.lhs);
    const R = ev(q.rhs);
    const num = normOf(math, subtract(math, L, R));
    const den = q.scale !== undefined ? normOf(math, ev(q.scale)) : Decimal.max(normOf(math, L), normOf(math, R));
    return { equation: q.name, residual: den.isZero() ? num : num.div(den) };
  });
}

const decisions = new Map<string, ZeroDecision>();

/**
 * Evaluate the same encoding symbolically and decide whether every equation (or those named)
 * reduces to zero. Memoised on what the decision reads: a variant that changes only an
 * equation outside the symbolic proof reuses the claim's decision.
 */
export function symbolicDecision(enc: Encoding, scopes: SymScope[], only?: string[]): ZeroDecision {
  const key = JSON.stringify([enc.defs, enc.equations.filter((q) => !only || only.includes(q.name)), scopes]);
  let d = decisions.get(key);
  if (d === undefined) decisions.set(key, (d = decideAll(enc, scopes, only)));
  return d;
}

function decideAll(enc: Encoding, scopes: SymScope[], only?: string[]): ZeroDecision {
  return allScopes(scopes, (scope) => decideOne(enc, scope, only));
}

function decideOne(enc: Encoding, scope: SymScope, only?: string[]): ZeroDecision {
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
    for (const q of enc.equations) {
      if (only && !only.includes(q.name)) continue;
      const d = decideZero(evalSymbolic(`(${q.lhs}) - (${q.rhs})`, s));
      if (d === 'nonzero') return 'nonzero';
      if (d === 'undecided') undecided = true;
    }
    return undecided ? 'undecided' : 'zero';
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
export function sameValue(enc: Encoding, name: string, mutated: string, scopes: SymScope[]): ZeroDecision {
  return allScopes(scopes.filter((sc) => !(name in sc)), (scope) => {
    const s: SymScope = { ...scope };
    for (const [n, expr] of enc.defs) {
      if (n === name) return decideZero(evalSymbolic(`(${expr}) - (${mutated})`, s));
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
export function homogeneousIn(enc: Encoding, name: string, factor: string, scopes: SymScope[], covered?: string[]): ZeroDecision {
  const readers = enc.equations.filter((q) => liveDefs(enc, [q]).has(name)).map((q) => q.name);
  if (scopes.some((sc) => !(name in sc)) || readers.some((q) => covered !== undefined && !covered.includes(q))) return 'undecided';
  return allScopes(scopes, (scope) => (readers.length === 0 ? 'zero' : decideOne(enc, { ...scope, [name]: mapSym(scope[name]!, (e) => `${factor}(${e})`) }, readers)));
}
