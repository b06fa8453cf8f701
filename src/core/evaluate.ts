import { Decimal } from 'decimal.js';
import type { EvalFunction, MathJsInstance } from 'mathjs';
import { compile, mathAt, normOf, subtract, toMath, type Scope } from '../symbolic/numeric.js';
import { decideZero, evalSymbolic, Unsupported, type SymScope, type ZeroDecision } from '../symbolic/symbolic.js';
import type { Encoding } from './claim.js';

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
  let undecided = false;
  for (const scope of scopes) {
    const d = decideOne(enc, scope, only);
    if (d === 'nonzero') return 'nonzero';
    if (d === 'undecided') undecided = true;
  }
  return undecided ? 'undecided' : 'zero';
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
