import { Decimal } from 'decimal.js';
import { all, create, type MathJsInstance, type EvalFunction, type Matrix } from 'mathjs';
import { gamma } from '../numeric/gamma.js';
import { offdiv, pairdiff, shellIndicator, NULL_SHELL, type ScalarOps } from './primitives.js';

/** Values crossing the API boundary: decimal.js scalars, vectors and matrices. */
export type Value = Decimal | number | Decimal[] | Decimal[][];
export type Scope = Record<string, Value>;

type BN = Decimal; // mathjs's BigNumber is a decimal.js clone
type MathValue = BN | Matrix | number;

const instances = new Map<number, MathJsInstance>();

/** The mathjs instance that evaluates encodings with `digits` significant digits (plus guard). */
export function mathAt(digits: number): MathJsInstance {
  let m = instances.get(digits);
  if (m) return m;
  m = create(all as NonNullable<typeof all>, { number: 'BigNumber', precision: digits + 12 });
  const math = m;
  const ops: ScalarOps<BN> = {
    sub: (a, b) => a.minus(b),
    div: (a, b) => a.div(b),
    zero: () => math.bignumber(0) as unknown as BN,
    one: () => math.bignumber(1) as unknown as BN,
    isExactZero: (a) => a.isZero(),
  };
  const vec = (x: MathValue): BN[] => (math.flatten(toArray(x) as never) as unknown as unknown[]).map((v) => math.bignumber(v as BN) as unknown as BN);
  const grid = (x: MathValue): BN[][] => toArray(x) as BN[][];
  const toArray = (x: MathValue): unknown[] => (typeof x === 'object' && 'toArray' in x ? (x as Matrix).toArray() : (x as unknown as unknown[]));
  math.import(
    {
      pairdiff: (v: MathValue) => math.matrix(pairdiff(ops, vec(v))),
      offdiv: (N: MathValue, D: MathValue) => math.matrix(offdiv(ops, grid(N), grid(D))),
      /** indicator of log shells of width h (columns by descending shell); numerically zero entries get no shell */
      logshells: (v: MathValue, h: MathValue) => math.matrix(shellIndicator(ops, shellLabels(vec(v), math.bignumber(h as BN) as unknown as BN, digits))),
      /** indicator vector of the numerically zero entries: the null shell */
      nullshell: (v: MathValue) => math.matrix(shellLabels(vec(v), math.bignumber(1) as unknown as BN, digits).map((l) => (l === NULL_SHELL ? ops.one() : ops.zero()))),
      /** Gamma at the working precision for every real argument (mathjs's BigNumber gamma takes integers only) */
      gamma: (x: MathValue) => math.bignumber(gamma(new Decimal((x as BN).toString()), digits + 12).toString()),
      /** elementwise exp */
      vexp: (v: MathValue) => math.map(v as Matrix, (x: BN) => math.exp(x as never)),
      /** sum of |v| beyond its r largest entries in magnitude */
      tailabs: (v: MathValue, r: MathValue) => {
        const a = vec(v).map((x) => x.abs()).sort((x, y) => y.cmp(x));
        const k = Number(r.toString());
        return a.slice(k).reduce((s, x) => s.plus(x), math.bignumber(0) as unknown as BN);
      },
    },
    { override: true },
  );
  instances.set(digits, m);
  return m;
}

/**
 * floor(ln x / h) for positive x; NULL_SHELL for numerically zero x. A spectrum with a negative
 * value beyond rounding has no log shells (M = J J^T is positive semidefinite): that is an error,
 * never an empty shell.
 */
export function shellLabels(v: Decimal[], h: Decimal, digits: number): number[] {
  const max = v.reduce((m, x) => (x.abs().gt(m) ? x.abs() : m), new Decimal(0));
  const zero = max.times(new Decimal(10).pow(-Math.floor(0.75 * digits)));
  return v.map((x) => {
    if (x.abs().lte(zero)) return NULL_SHELL;
    if (x.isNegative()) throw new RangeError(`log shells of a negative eigenvalue ${x.toSignificantDigits(6).toString()} (the spectrum must be positive semidefinite)`);
    return Math.floor(x.ln().div(h).toNumber());
  });
}

export function toMath(math: MathJsInstance, v: Value): MathValue {
  if (typeof v === 'number') return math.bignumber(v) as unknown as BN;
  if (Decimal.isDecimal(v)) return math.bignumber(v.toString()) as unknown as BN;
  if (Array.isArray(v) && v.length > 0 && Array.isArray(v[0])) return math.matrix((v as Decimal[][]).map((r) => r.map((x) => math.bignumber(x.toString()))) as unknown as BN[][]);
  return math.matrix((v as Decimal[]).map((x) => math.bignumber(x.toString())) as unknown as BN[]);
}

export function compile(math: MathJsInstance, expr: string): EvalFunction {
  return math.compile(expr);
}

/** Frobenius / Euclidean norm of a mathjs value as a Decimal. */
export function normOf(math: MathJsInstance, x: unknown): Decimal {
  if (typeof x === 'object' && x !== null && ('toArray' in x || Array.isArray(x))) {
    const flat = math.flatten(((x as Matrix).toArray ? (x as Matrix).toArray() : x) as never) as unknown as unknown[];
    let s = new Decimal(0);
    for (const e of flat) {
      const d = new Decimal((e as BN).toString());
      s = s.plus(d.times(d));
    }
    return s.sqrt();
  }
  if (typeof x === 'boolean') return new Decimal(x ? 1 : 0);
  return new Decimal((x as BN).toString()).abs();
}

export function subtract(math: MathJsInstance, a: unknown, b: unknown): unknown {
  return math.subtract(a as Matrix, b as Matrix);
}
