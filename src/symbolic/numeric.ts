import { Decimal } from 'decimal.js';
import { all, create, type MathJsInstance, type EvalFunction, type Matrix } from 'mathjs';
import { gamma } from '../numeric/gamma.js';
import { offdiv, pairdiff, shellIndicator, NULL_SHELL, type ScalarOps } from './primitives.js';

/** Values crossing the API boundary: decimal.js scalars, vectors and matrices. */
export type Value = Decimal | number | Decimal[] | Decimal[][];
export type Scope = Record<string, Value>;

type BN = Decimal; // mathjs's BigNumber is a decimal.js clone
type MathValue = BN | Matrix | number;

const instances = new Map<string, MathJsInstance>();

/** Guard digits carried above the working precision. */
export const GUARD_DIGITS = 12;
/**
 * The most working digits an encoding is evaluated at: mathjs compares BigNumbers within a
 * relative tolerance that must be a positive double, and ours is 10^-digits.
 */
export const MAX_WORKING_DIGITS = 300;

/**
 * How results are rounded to the working precision: to nearest (the evaluation), or towards
 * +infinity or -infinity (the two directed evaluations that tell a residual decided by
 * rounding from one decided by the mathematics).
 */
export type Rounding = 'nearest' | 'ceil' | 'floor';

/**
 * The mathjs instance that evaluates encodings with `digits` significant digits (plus guard).
 * Comparisons (==, <, min, max, floor, round, mod, ...) treat numbers as equal only within
 * 10^-digits relative, the working precision, never within mathjs's default 1e-12; a non-real
 * result (sqrt or log of a negative, asin(2)) is NaN at the working precision ('predictable'),
 * never a float64 Complex.
 */
export function mathAt(digits: number, rounding: Rounding = 'nearest'): MathJsInstance {
  const key = `${digits}${rounding}`;
  let m = instances.get(key);
  if (m) return m;
  if (!Number.isInteger(digits) || digits < 1 || digits > MAX_WORKING_DIGITS) throw new RangeError(`working digits must be an integer from 1 to ${MAX_WORKING_DIGITS}, got ${digits}`);
  m = create(all as NonNullable<typeof all>, { number: 'BigNumber', precision: digits + GUARD_DIGITS, relTol: Number(`1e-${digits}`), absTol: 0, predictable: true });
  if (rounding !== 'nearest') ((m as unknown as { BigNumber: typeof Decimal }).BigNumber).set({ rounding: rounding === 'ceil' ? Decimal.ROUND_CEIL : Decimal.ROUND_FLOOR });
  const math = m;
  const ops: ScalarOps<BN> = {
    sub: (a, b) => a.minus(b),
    div: (a, b) => a.div(b),
    zero: () => math.bignumber(0) as unknown as BN,
    one: () => math.bignumber(1) as unknown as BN,
    isExactZero: (a) => a.isZero(),
  };
  // transpose of a 1-D vector is the vector itself in mathjs, so u * transpose(v) would be a dot
  // product: refused, an encoding must say a column (an n x 1 matrix) or dot(u, v)
  const transposeOf = (name: string, base: (x: MathValue) => MathValue) => (x: MathValue): MathValue => {
    if (typeof x === 'object' && 'size' in x && (x as Matrix).size().length === 1)
      throw new MalformedEncoding(`${name} of a 1-D vector is the vector itself in mathjs (u * ${name}(v) is a dot product): use an n x 1 matrix, or dot(u, v)`);
    return base(x);
  };
  const baseTranspose = m.transpose.bind(m) as unknown as (x: MathValue) => MathValue;
  const baseCtranspose = m.ctranspose.bind(m) as unknown as (x: MathValue) => MathValue;
  const baseNorm = m.norm.bind(m) as unknown as (x: MathValue, p?: number | string) => MathValue;
  const vec = (x: MathValue): BN[] => (math.flatten(toArray(x) as never) as unknown as unknown[]).map((v) => math.bignumber(v as BN) as unknown as BN);
  const grid = (x: MathValue): BN[][] => toArray(x) as BN[][];
  const toArray = (x: MathValue): unknown[] => (typeof x === 'object' && 'toArray' in x ? (x as Matrix).toArray() : (x as unknown as unknown[]));
  math.import(
    {
      // mathjs 15's BigNumber eigs stops its Jacobi sweeps early (it compares decimals with >=,
      // as strings): eigenvalues wrong in the 7th digit, so refused; eigenvalues come from the instance
      ...Object.fromEntries(
        Object.entries(REFUSED).map(([name, why]) => [
          name,
          () => {
            throw new MalformedEncoding(why);
          },
        ]),
      ),
      // p arrives as a decimal (mathjs 15's norm takes a double); the 2-norm of a matrix needs eigs
      norm: (x: MathValue, p?: MathValue) => {
        const order = p === undefined ? undefined : typeof p === 'string' ? p : Number((p as BN).toString());
        const matrix = typeof x === 'object' && 'size' in x && (x as Matrix).size().length === 2;
        if (matrix && (order === undefined || order === 2))
          throw new MalformedEncoding(`norm of a matrix is its 2-norm, which mathjs computes through eigs (refused: wrong in the 7th digit): write norm(A, 'fro') or compute it in the instance`);
        return order === undefined ? baseNorm(x) : baseNorm(x, order);
      },
      transpose: transposeOf('transpose', baseTranspose),
      ctranspose: transposeOf('transpose', baseCtranspose),
      pairdiff: (v: MathValue) => math.matrix(pairdiff(ops, vec(v))),
      offdiv: (N: MathValue, D: MathValue) => math.matrix(offdiv(ops, grid(N), grid(D))),
      /** indicator of log shells of width h (columns by descending shell); numerically zero entries get no shell */
      logshells: (v: MathValue, h: MathValue) => math.matrix(shellIndicator(ops, shellLabels(vec(v), math.bignumber(h as BN) as unknown as BN, digits))),
      /** indicator vector of the numerically zero entries: the null shell */
      nullshell: (v: MathValue) => math.matrix(shellLabels(vec(v), math.bignumber(1) as unknown as BN, digits).map((l) => (l === NULL_SHELL ? ops.one() : ops.zero()))),
      /** Gamma at the working precision for every real argument (mathjs's BigNumber gamma takes integers only) */
      gamma: (x: MathValue) => math.bignumber(gamma(new Decimal((x as BN).toString()), digits + GUARD_DIGITS).toString()),
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
  instances.set(key, m);
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

/** mathjs functions an encoding may not call, and why. */
export const REFUSED: Readonly<Record<string, string>> = {
  eigs: 'eigs is refused: mathjs 15 computes BigNumber eigenvalues wrong in the 7th digit (its Jacobi loop compares decimals as strings); compute them in the instance (src/numeric/eigen.ts) and pass them in the scope',
  sqrtm: 'sqrtm is refused: mathjs stops its iteration at a fixed tolerance, so the root is good to about 16 digits at any working precision (a true identity would come out refuted); compute it in the instance and pass it in the scope',
  schur: 'schur is refused: mathjs computes it through eigs, whose BigNumber eigenvalues are wrong in the 7th digit; compute it in the instance',
  lyap: 'lyap is refused: mathjs solves it through schur and eigs, whose BigNumber eigenvalues are wrong in the 7th digit; compute it in the instance',
  sylvester: 'sylvester is refused: mathjs solves it through schur and eigs, whose BigNumber eigenvalues are wrong in the 7th digit; compute it in the instance',
};

/** A value an encoding may not produce: it is an evaluation error, never a residual. */
export class NotReal extends Error {}

/** An encoding whose text cannot mean what it seems to (sides of different shapes, the transpose of a vector): a writing mistake. */
export class MalformedEncoding extends Error {}

/**
 * The entries of a mathjs value as real decimals at the working precision, with its shape
 * ([] for a scalar). A complex or float64 number (mathjs's fallback), a unit (an undefined
 * symbol read as one), a string or NaN is refused with `what` named.
 */
export function realEntries(math: MathJsInstance, x: unknown, what: string): { shape: number[]; entries: Decimal[] } {
  const isCollection = typeof x === 'object' && x !== null && ('toArray' in x || Array.isArray(x));
  const shape = isCollection ? (math.size(x as Matrix) as unknown as { valueOf(): number[] }).valueOf().map(Number) : [];
  const flat = isCollection ? (math.flatten(((x as Matrix).toArray ? (x as Matrix).toArray() : x) as never) as unknown as unknown[]) : [x];
  const entries = flat.map((e) => {
    if (typeof e === 'boolean') return new Decimal(e ? 1 : 0);
    if (!math.isBigNumber(e)) {
      const kind = math.isUnit(e) ? 'a unit (an undefined symbol read as a unit?)' : math.isComplex(e) ? 'a complex number' : typeof e === 'number' ? 'a double-precision number' : `a ${math.typeOf(e)}`;
      throw new NotReal(`${what} is ${kind}, not a real number at the working precision`);
    }
    if ((e as BN).isNaN()) throw new NotReal(`${what} is not a real number (NaN: 0/0, or sqrt, log or a fractional power of a negative)`);
    if (!(e as BN).isFinite()) throw new NotReal(`${what} is infinite (an overflow, or a division by zero)`);
    return new Decimal((e as BN).toString());
  });
  return { shape, entries };
}

/** log10 |x| to double precision, read off the decimal exponent (Decimal#log costs a millisecond); -Infinity at 0. */
export function log10(x: Decimal): number {
  const [mantissa, exponent] = x.abs().toExponential(16).split('e') as [string, string];
  return Math.log10(Number(mantissa)) + Number(exponent);
}

/** Euclidean norm of decimal entries. */
export function norm(entries: Decimal[]): Decimal {
  let s = new Decimal(0);
  for (const d of entries) s = s.plus(d.times(d));
  return s.sqrt();
}

export function subtract(math: MathJsInstance, a: unknown, b: unknown): unknown {
  return math.subtract(a as Matrix, b as Matrix);
}
