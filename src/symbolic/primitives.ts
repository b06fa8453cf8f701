/**
 * Linear-algebra primitives that encodings may call beyond mathjs's own functions. Each is
 * defined once, over an abstract scalar algebra, so the numeric evaluator (decimal.js through
 * mathjs) and the symbolic evaluator (nerdamer) run the very same definition.
 */
export interface ScalarOps<S> {
  sub(a: S, b: S): S;
  div(a: S, b: S): S;
  zero(): S;
  one(): S;
  /** true only when a is zero exactly (structural zeros, masks) */
  isExactZero(a: S): boolean;
}

export type Grid<S> = S[][];

/** G_ab = v_a - v_b */
export function pairdiff<S>(ops: ScalarOps<S>, v: S[]): Grid<S> {
  return v.map((a) => v.map((b) => ops.sub(a, b)));
}

/**
 * Off-diagonal quotient: N_ab / D_ab for a != b, and 0 on the diagonal or where N_ab is an
 * exact zero (a mask), so that masked pairs never divide by a vanishing gap.
 */
export function offdiv<S>(ops: ScalarOps<S>, N: Grid<S>, D: Grid<S>): Grid<S> {
  return N.map((row, a) => row.map((x, b) => (a === b || ops.isExactZero(x) ? ops.zero() : ops.div(x, D[a]![b]!))));
}

/** The label of numerically zero items: they sit in the null shell, outside every log shell. */
export const NULL_SHELL = Number.NEGATIVE_INFINITY;

/** Indicator of the log shells: one column per shell from the highest to the lowest occupied, empty shells included. */
export function shellIndicator<S>(ops: ScalarOps<S>, labels: number[]): Grid<S> {
  const finite = labels.filter((l) => l !== NULL_SHELL);
  if (finite.length === 0) return labels.map(() => []);
  const hi = Math.max(...finite);
  const lo = Math.min(...finite);
  return labels.map((l) => Array.from({ length: hi - lo + 1 }, (_, c) => (l === hi - c ? ops.one() : ops.zero())));
}
