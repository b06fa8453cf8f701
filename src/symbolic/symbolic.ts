import nerdamer from 'nerdamer-prime';
import { Decimal } from 'decimal.js';
import { all, create, type EvalFunction, type MathNode } from 'mathjs';
import { log10, mathAt } from './numeric.js';
import { offdiv, pairdiff, shellIndicator, type ScalarOps } from './primitives.js';

/** A symbolic value: scalar, vector or matrix of nerdamer expression strings. */
export type Sym = string | string[] | string[][];
export type SymScope = Record<string, Sym>;

// nerdamer abandons simplifications after TIMEOUT ms of wall time (800 by default): on a loaded
// machine that makes decisions depend on the load. A generous bound keeps them deterministic.
nerdamer.set('TIMEOUT', 60_000);

const ops: ScalarOps<string> = {
  sub: (a, b) => `(${a})-(${b})`,
  div: (a, b) => `(${a})/(${b})`,
  zero: () => '0',
  one: () => '1',
  isExactZero: (a) => a === '0',
};

export class Unsupported extends Error {}

const isMat = (x: Sym): x is string[][] => Array.isArray(x) && Array.isArray(x[0]);
const isVec = (x: Sym): x is string[] => Array.isArray(x) && !Array.isArray(x[0]);

function mapSym(x: Sym, f: (s: string) => string): Sym {
  if (isMat(x)) return x.map((r) => r.map(f));
  if (isVec(x)) return x.map(f);
  return f(x as string);
}

function zip(a: Sym, b: Sym, f: (x: string, y: string) => string): Sym {
  if (typeof a === 'string') return mapSym(b, (y) => f(a, y));
  if (typeof b === 'string') return mapSym(a, (x) => f(x, b));
  if (isMat(a) && isMat(b) && a.length === b.length && a[0]!.length === b[0]!.length) return a.map((r, i) => r.map((x, j) => f(x, b[i]![j]!)));
  if (isVec(a) && isVec(b) && a.length === b.length) return a.map((x, i) => f(x, b[i]!));
  throw new Unsupported('shape mismatch');
}

/** The length a product sums over: the columns of a matrix, the entries of a vector (mathjs reads a vector on the left as a row). */
const inner = (a: string[] | string[][]): number => (isMat(a) ? a[0]!.length : a.length);

function matmul(a: Sym, b: Sym): Sym {
  if (typeof a === 'string' || typeof b === 'string') return zip(a, b, (x, y) => `(${x})*(${y})`);
  const sum = (terms: string[]): string => terms.map((t) => `(${t})`).join('+') || '0';
  // mismatched shapes: mathjs refuses the product, so no symbolic value either (never a product of undefined entries)
  if (inner(a) !== b.length) throw new Unsupported('matmul of mismatched shapes');
  if (isMat(a) && isMat(b)) return a.map((r) => b[0]!.map((_, j) => sum(r.map((x, k) => `(${x})*(${b[k]![j]!})`))));
  if (isMat(a) && isVec(b)) return a.map((r) => sum(r.map((x, k) => `(${x})*(${b[k]!})`)));
  if (isVec(a) && isMat(b)) return b[0]!.map((_, j) => sum(a.map((x, k) => `(${x})*(${b[k]![j]!})`)));
  // both vectors: the dot product
  return sum(a.map((x, k) => `(${x})*(${b[k]!})`));
}

function transpose(a: Sym): Sym {
  if (isMat(a)) return a[0]!.map((_, j) => a.map((r) => r[j]!));
  // mathjs refuses it too (numeric.ts): the transpose of a 1-D vector is ambiguous
  if (isVec(a)) throw new Unsupported('transpose of a vector');
  return a;
}

/** The functions the symbolic route knows, each with the argument counts it takes (as mathjs does). */
const funcs: Record<string, { arity: [number, number]; f: (...args: Sym[]) => Sym }> = {
  transpose: { arity: [1, 1], f: transpose },
  // the main diagonal of an r x c matrix has min(r, c) entries, as in mathjs
  diag: { arity: [1, 1], f: (a) => (isMat(a) ? a.slice(0, a[0]!.length).map((r, i) => r[i]!) : isVec(a) ? a.map((_, i) => a.map((x, j) => (i === j ? x : '0'))) : a) },
  dot: { arity: [2, 2], f: (a, b) => matmul(a!, b!) },
  sum: {
    arity: [1, 2],
    f: (a, dim) => {
      if (dim === undefined) return (Array.isArray(a) ? (a as unknown[]).flat() as string[] : [a as string]).map((t) => `(${t})`).join('+');
      if (!isMat(a!)) throw new Unsupported('sum dim of non-matrix');
      if (dim !== '2' && dim !== '1') throw new Unsupported('sum over a dimension other than 1 or 2');
      return dim === '2' ? a.map((r) => r.map((t) => `(${t})`).join('+')) : a[0]!.map((_, j) => a.map((r) => `(${r[j]!})`).join('+'));
    },
  },
  pairdiff: {
    arity: [1, 1],
    f: (v) => {
      if (!isVec(v!)) throw new Unsupported('pairdiff of non-vector');
      return pairdiff(ops, v);
    },
  },
  offdiv: {
    arity: [2, 2],
    f: (N, D) => {
      if (!isMat(N!) || !isMat(D!)) throw new Unsupported('offdiv of non-matrices');
      return offdiv(ops, N, D);
    },
  },
  exp: { arity: [1, 1], f: (a) => mapSym(a!, (x) => `exp(${x})`) },
  vexp: { arity: [1, 1], f: (a) => mapSym(a!, (x) => `exp(${x})`) },
  // log(x, b) = log(x) / log(b), as in mathjs
  log: {
    arity: [1, 2],
    f: (a, b) => {
      if (b === undefined) return mapSym(a!, (x) => `log(${x})`);
      if (typeof b !== 'string') throw new Unsupported('log with a non-scalar base');
      return mapSym(a!, (x) => `log(${x})/log(${b})`);
    },
  },
  sqrt: { arity: [1, 1], f: (a) => mapSym(a!, (x) => `sqrt(${x})`) },
  tanh: { arity: [1, 1], f: (a) => mapSym(a!, (x) => `tanh(${x})`) },
  abs: { arity: [1, 1], f: (a) => mapSym(a!, (x) => `abs(${x})`) },
};

// constants are read as decimals, exactly as written: a double would round 0.333... (90 digits)
// to 1/3 and 2^60 + 1 to 2^60 on the way
const exactMath = create(all as NonNullable<typeof all>, { number: 'BigNumber', precision: 64 });

/** A decimal constant as an exact rational for nerdamer. */
function exactConstant(value: unknown): string {
  if (!exactMath.isBigNumber(value)) throw new Unsupported(`constant ${String(value)}`);
  const d = new Decimal((value as { toString(): string }).toString());
  if (!d.isFinite()) throw new Unsupported(`constant ${d.toString()}`);
  if (d.isInteger()) return d.toFixed();
  const [n, q] = d.toFraction() as [Decimal, Decimal];
  return `(${n.toFixed()})/(${q.toFixed()})`;
}

/** Evaluate a mathjs expression over symbolic values: the same text the numeric side compiles. */
export function evalSymbolic(expr: string, scope: SymScope): Sym {
  return walk(exactMath.parse(expr), scope);
}

function walk(node: MathNode, scope: SymScope): Sym {
  switch (node.type) {
    case 'ConstantNode':
      return exactConstant((node as unknown as { value: unknown }).value);
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      const v = scope[name];
      if (v === undefined) throw new Unsupported(`no symbolic binding for ${name}`);
      return v;
    }
    case 'ParenthesisNode':
      return walk((node as unknown as { content: MathNode }).content, scope);
    case 'OperatorNode': {
      const n = node as unknown as { fn: string; args: MathNode[] };
      const args = n.args.map((a) => walk(a, scope));
      const [a, b] = args as [Sym, Sym];
      switch (n.fn) {
        case 'unaryMinus':
          return mapSym(a, (x) => `-(${x})`);
        case 'unaryPlus':
          return a;
        case 'add':
          return zip(a, b, (x, y) => `(${x})+(${y})`);
        case 'subtract':
          return zip(a, b, (x, y) => `(${x})-(${y})`);
        case 'multiply':
          return matmul(a, b);
        case 'dotMultiply':
          return zip(a, b, (x, y) => `(${x})*(${y})`);
        case 'divide':
          // mathjs divides by a matrix through its inverse (A / B = A * inv(B)): not an elementwise quotient
          if (typeof b !== 'string') throw new Unsupported('division by a matrix');
          return zip(a, b, (x, y) => `(${x})/(${y})`);
        case 'dotDivide':
          return zip(a, b, (x, y) => `(${x})/(${y})`);
        case 'pow':
          // mathjs's A ^ k is the matrix power (A * A * ...), not elementwise
          if (typeof a !== 'string' || typeof b !== 'string') throw new Unsupported('matrix power');
          return `(${a})^(${b})`;
        case 'dotPow':
          return zip(a, b, (x, y) => `(${x})^(${y})`);
        // A' (mathjs has no transpose operator: transpose(A) is a function)
        case 'ctranspose':
          return transpose(a);
        default:
          throw new Unsupported(`operator ${n.fn}`);
      }
    }
    case 'FunctionNode': {
      const n = node as unknown as { fn: { name: string }; args: MathNode[] };
      const f = funcs[n.fn.name];
      if (!f) throw new Unsupported(`function ${n.fn.name}`);
      const [lo, hi] = f.arity;
      if (n.args.length < lo || n.args.length > hi) throw new Unsupported(`${n.fn.name} with ${n.args.length} arguments`);
      return f.f(...n.args.map((a) => walk(a, scope)));
    }
    default:
      throw new Unsupported(`node ${node.type}`);
  }
}

export type ZeroDecision = 'zero' | 'nonzero' | 'undecided';

/** What the domain tells the symbolic route: the symbolic variables known to be positive. */
export interface SymbolicDomain {
  /** variables positive on the claim's domain: the branches of sqrt, log and real powers of them are ruled out */
  positive?: readonly string[];
}

/**
 * Decide whether every entry of a symbolic value is identically zero: expand, then simplify;
 * an entry that survives both is probed at rational points, and a value there that stays put as
 * the precision doubles proves it nonzero. A reduction to zero stands only if the original
 * expression also vanishes, at high precision, on points with negative, tiny and large
 * coordinates (positive ones for the variables the domain makes positive): nerdamer's
 * rewrites ignore branches (sqrt(x) sqrt(y) = sqrt(x y) only for x, y >= 0), and a point where
 * the expression is not real leaves the decision undecided. Anything else is undecided, never
 * guessed.
 */
export function decideZero(x: Sym, domain: SymbolicDomain = {}): ZeroDecision {
  // nerdamer keeps every parsed expression in a global store: clear it so that a long run
  // (many claims and mutants in one worker) decides the same as a fresh one
  nerdamer.flush();
  nerdamer.clearVars();
  const entries = (Array.isArray(x) ? (x as unknown[]).flat() : [x]) as string[];
  let undecided = false;
  for (const e of entries) {
    const d = decideEntry(e, domain);
    if (d === 'nonzero') return 'nonzero';
    if (d === 'undecided') undecided = true;
  }
  return undecided ? 'undecided' : 'zero';
}

function decideEntry(e: string, domain: SymbolicDomain): ZeroDecision {
  let expanded: string;
  try {
    expanded = nerdamer(`expand(${e})`).toString();
  } catch {
    return 'undecided';
  }
  let reduced = expanded === '0';
  if (!reduced) {
    if (probeNonzero(e)) return 'nonzero';
    try {
      reduced = nerdamer(`simplify(${e})`).toString() === '0';
    } catch {
      /* undecided */
    }
  }
  return reduced && vanishesOnProbes(e, domain) ? 'zero' : 'undecided';
}

/** The working digits of the two probe evaluations: a zero falls by about their difference, a nonzero value stays put. */
const PROBE_DIGITS = [60, 120] as const;

type PointValue = 'zero' | 'nonzero' | 'not real' | 'overflow';

/**
 * The value of a scalar expression at a point, judged by evaluating it at two precisions: nonzero
 * when it stays put (within two decades, nonzero at both), zero otherwise (rounding noise falls
 * by about the added digits, or vanishes).
 */
function valueAt(f: Probe, point: Record<string, string>): PointValue {
  const at = (fn: EvalFunction, digits: number): Decimal | 'not real' => {
    const m = mathAt(digits);
    const scope: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(point)) scope[k] = m.evaluate(v);
    try {
      const r = fn.evaluate(scope) as unknown;
      if (!m.isBigNumber(r)) return 'not real';
      return new Decimal((r as { toString(): string }).toString());
    } catch {
      return 'not real';
    }
  };
  const a = at(f.lo, PROBE_DIGITS[0]);
  const b = at(f.hi, PROBE_DIGITS[1]);
  if (a === 'not real' || b === 'not real') return 'not real';
  if (a.isNaN() || b.isNaN()) return nanCause(f.text, point);
  if (!a.isFinite() || !b.isFinite()) return 'overflow';
  return !a.isZero() && !b.isZero() && Math.abs(log10(a) - log10(b)) <= 2 ? 'nonzero' : 'zero';
}

// the same evaluation with complex values allowed: tells a branch (a complex value) from an overflow (Infinity - Infinity)
const complexMath = create(all as NonNullable<typeof all>, { number: 'BigNumber', precision: 30 });

/** Why an expression is NaN at a point: a complex intermediate (a branch), or an overflow. */
function nanCause(text: string, point: Record<string, string>): 'not real' | 'overflow' {
  const scope: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(point)) scope[k] = complexMath.evaluate(v);
  try {
    const r = complexMath.evaluate(text, scope) as unknown;
    return complexMath.isBigNumber(r) ? 'overflow' : 'not real';
  } catch {
    return 'not real';
  }
}

/** The expression compiled at both probe precisions, with its variables. */
interface Probe {
  text: string;
  lo: EvalFunction;
  hi: EvalFunction;
}

function probeable(e: string): { f: Probe; vars: string[] } | undefined {
  try {
    const node = exactMath.parse(e);
    const vars = [
      ...new Set(
        node
          .filter((n, path, parent) => n.type === 'SymbolNode' && !(parent?.type === 'FunctionNode' && path === 'fn'))
          .map((n) => (n as unknown as { name: string }).name)
          .filter((name) => !CONSTANTS.has(name)),
      ),
    ].sort();
    const text = node.toString();
    return { f: { text, lo: mathAt(PROBE_DIGITS[0]).compile(text), hi: mathAt(PROBE_DIGITS[1]).compile(text) }, vars };
  } catch {
    return undefined;
  }
}

const CONSTANTS = new Set(['e', 'E', 'pi', 'PI']);

// coordinates of mixed signs and sizes: branch cuts, tiny and large arguments all get a probe
const SPREAD = ['-7/3', '5/7', '-1.3e-2', '1.7e2', '3/11', '-9/4', '2.9e-2', '-4.1e1', '11/13'];

/** Whether the original expression vanishes at every probe point (and at least one is evaluated). */
function vanishesOnProbes(e: string, domain: SymbolicDomain): boolean {
  const p = probeable(e);
  if (!p) return false;
  const positive = new Set(domain.positive ?? []);
  let evaluated = 0;
  for (let k = 0; k < 6; k++) {
    const point: Record<string, string> = {};
    p.vars.forEach((v, i) => {
      const x = SPREAD[(3 * i + 5 * k + i * k) % SPREAD.length]!;
      point[v] = positive.has(v) ? x.replace(/^-/, '') : x;
    });
    const v = valueAt(p.f, point);
    if (v === 'overflow') continue;
    if (v !== 'zero') return false;
    evaluated++;
    if (p.vars.length === 0) break;
  }
  return evaluated > 0;
}

/**
 * A value that stays put as the precision doubles, at an exact rational point, proves the
 * expression is not identically zero. A point that hits a pole or a branch proves nothing, so
 * the next point is tried.
 */
export function probeNonzero(e: string): boolean {
  const p = probeable(e);
  if (!p) return false;
  for (let trial = 0; trial < 3; trial++) {
    const point: Record<string, string> = {};
    p.vars.forEach((v, i) => (point[v] = `${((7 * (i + 1) + 3 * trial) % 13) + 2}/${((5 * i + trial) % 7) + 3}`));
    if (valueAt(p.f, point) === 'nonzero') return true;
  }
  return false;
}

export function toTeX(expr: string): string {
  try {
    return nerdamer(expr).toTeX();
  } catch {
    return expr;
  }
}

/** Builders of symbolic inputs. */
export const sym = {
  vector: (name: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${name}${i + 1}`),
  matrix: (name: string, r: number, c: number): string[][] =>
    Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => `${name}${i + 1}x${j + 1}`)),
  symmetric: (name: string, n: number): string[][] =>
    Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => `${name}${Math.min(i, j) + 1}x${Math.max(i, j) + 1}`)),
  antisymmetric: (name: string, n: number): string[][] =>
    Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? '0' : i < j ? `${name}${i + 1}x${j + 1}` : `-${name}${j + 1}x${i + 1}`))),
  shells: (labels: number[]): string[][] => shellIndicator(ops, labels),
};

/**
 * Differentiate a scalar expression with both CASes, nerdamer and mathjs, and report whether
 * the two derivatives agree (their difference decided zero by nerdamer).
 */
export function crossCheckDerivative(expr: string, variable: string): { nerdamer: string; mathjs: string; agree: ZeroDecision } {
  const a = nerdamer(`diff(${expr}, ${variable})`).toString();
  const b = derivativeMathjs(expr, variable);
  return { nerdamer: a, mathjs: b, agree: decideEntry(`(${a})-(${b})`, {}) };
}

import { derivative } from 'mathjs';
function derivativeMathjs(expr: string, variable: string): string {
  return derivative(expr, variable).toString();
}
