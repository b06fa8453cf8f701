import nerdamer from 'nerdamer-prime';
import { parse, type MathNode } from 'mathjs';
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
  return a;
}

const funcs: Record<string, (...args: Sym[]) => Sym> = {
  transpose,
  // the main diagonal of an r x c matrix has min(r, c) entries, as in mathjs
  diag: (a) => (isMat(a) ? a.slice(0, a[0]!.length).map((r, i) => r[i]!) : isVec(a) ? a.map((_, i) => a.map((x, j) => (i === j ? x : '0'))) : a),
  dot: (a, b) => matmul(a, b),
  sum: (a, dim) => {
    if (dim === undefined) return (Array.isArray(a) ? (a as unknown[]).flat() as string[] : [a as string]).map((t) => `(${t})`).join('+');
    if (!isMat(a)) throw new Unsupported('sum dim of non-matrix');
    return dim === '2' ? a.map((r) => r.map((t) => `(${t})`).join('+')) : a[0]!.map((_, j) => a.map((r) => `(${r[j]!})`).join('+'));
  },
  pairdiff: (v) => {
    if (!isVec(v)) throw new Unsupported('pairdiff of non-vector');
    return pairdiff(ops, v);
  },
  offdiv: (N, D) => {
    if (!isMat(N) || !isMat(D)) throw new Unsupported('offdiv of non-matrices');
    return offdiv(ops, N, D);
  },
  exp: (a) => mapSym(a, (x) => `exp(${x})`),
  vexp: (a) => mapSym(a, (x) => `exp(${x})`),
  log: (a) => mapSym(a, (x) => `log(${x})`),
  sqrt: (a) => mapSym(a, (x) => `sqrt(${x})`),
  tanh: (a) => mapSym(a, (x) => `tanh(${x})`),
  abs: (a) => mapSym(a, (x) => `abs(${x})`),
};

/** Evaluate a mathjs expression over symbolic values: the same text the numeric side compiles. */
export function evalSymbolic(expr: string, scope: SymScope): Sym {
  return walk(parse(expr), scope);
}

function walk(node: MathNode, scope: SymScope): Sym {
  switch (node.type) {
    case 'ConstantNode':
      return String((node as unknown as { value: unknown }).value);
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
      return f(...n.args.map((a) => walk(a, scope)));
    }
    default:
      throw new Unsupported(`node ${node.type}`);
  }
}

export type ZeroDecision = 'zero' | 'nonzero' | 'undecided';

/**
 * Decide whether every entry of a symbolic value is identically zero: expand, then simplify;
 * an entry that survives both is probed at random rational points, and a nonzero value there
 * proves it nonzero. Anything else is undecided, never guessed.
 */
export function decideZero(x: Sym): ZeroDecision {
  // nerdamer keeps every parsed expression in a global store: clear it so that a long run
  // (many claims and mutants in one worker) decides the same as a fresh one
  nerdamer.flush();
  nerdamer.clearVars();
  const entries = (Array.isArray(x) ? (x as unknown[]).flat() : [x]) as string[];
  let undecided = false;
  for (const e of entries) {
    const d = decideEntry(e);
    if (d === 'nonzero') return 'nonzero';
    if (d === 'undecided') undecided = true;
  }
  return undecided ? 'undecided' : 'zero';
}

function decideEntry(e: string): ZeroDecision {
  let expanded: string;
  try {
    expanded = nerdamer(`expand(${e})`).toString();
  } catch {
    return 'undecided';
  }
  if (expanded === '0') return 'zero';
  if (probeNonzero(expanded)) return 'nonzero';
  try {
    if (nerdamer(`simplify(${e})`).toString() === '0') return 'zero';
  } catch {
    /* fall through: undecided */
  }
  return 'undecided';
}

/**
 * A nonzero value at an exact rational point proves the expression is not identically zero. A
 * point that hits a pole proves nothing, so the next point is tried.
 */
export function probeNonzero(e: string): boolean {
  let vars: string[];
  try {
    vars = nerdamer(e).variables();
  } catch {
    return false;
  }
  for (let trial = 0; trial < 3; trial++) {
    const subs: Record<string, string> = {};
    vars.forEach((v, i) => (subs[v] = `${((7 * (i + 1) + 3 * trial) % 13) + 2}/${((5 * i + trial) % 7) + 3}`));
    try {
      const val = Number(nerdamer(e, subs).evaluate().text('decimals'));
      if (Number.isFinite(val) && Math.abs(val) > 1e-9) return true;
    } catch {
      /* a pole at this point: try the next */
    }
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
  return { nerdamer: a, mathjs: b, agree: decideEntry(`(${a})-(${b})`) };
}

import { derivative } from 'mathjs';
function derivativeMathjs(expr: string, variable: string): string {
  return derivative(expr, variable).toString();
}
