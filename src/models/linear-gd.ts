/**
 * The d -> infinity curves of plain gradient descent with a linear readout, in closed form: the
 * surrogate whose known limit lets a simulation of a nonlinear separable dynamics on the same data
 * use it as a control variate (src/models/separable-gd.ts, derivations/dln.ts).
 *
 * Data as in separable-gd.ts: X (n x d) with N(0, 1/d) entries, n = delta d, labels noise
 * eps ~ N(0, sigma^2); per coordinate Delta = c x - theta, x^{k+1} = x^k - dt g^k, g = X^T e,
 * e = X Delta - eps. With W = X^T X, V = X X^T and eta = c dt:
 *   Delta^k = (I - eta W)^k Delta^0 + eta S_k(W) X^T eps,   S_k(l) = sum_{j<k} (1 - eta l)^j,
 *   e^k     = X (I - eta W)^k Delta^0 - (I - eta V)^k eps   (push-through: eta V S_k(V) = I - (I - eta V)^k),
 * so, with mu the limiting spectral law of W per coordinate (Marchenko–Pastur, moments
 * mu[l^j] = sum_r Narayana(j, r) delta^r) and nu[f] = mu[f] / delta + (1 - 1/delta) f(0) that of V:
 *   test_k  = |Delta^k|^2 / (2d) -> (m0 mu[(1 - eta l)^{2k}] + eta^2 sigma^2 mu[l S_k(l)^2]) / 2,
 *   train_k = |e^k|^2 / (2n)     -> (m0 mu[l (1 - eta l)^{2k}] / delta + sigma^2 nu[(1 - eta l)^{2k}]) / 2,
 * m0 = lim |Delta^0|^2 / d. The cross terms have mean zero.
 */

/** Marchenko–Pastur moments mu[l^j], j = 0..J, of W = X^T X per coordinate (X n x d, N(0, 1/d), n = delta d). */
export function mpMoments(delta: number, J: number): number[] {
  const m = [1];
  for (let j = 1; j <= J; j++) {
    // Narayana(j, r) = C(j, r) C(j, r - 1) / j, built by its ratio in r
    let nar = 1; // r = 1
    let s = delta;
    for (let r = 2; r <= j; r++) {
      nar *= ((j - r + 1) * (j - r + 2)) / (r * (r - 1));
      s += nar * delta ** r;
    }
    m.push(s);
  }
  return m;
}

/** Polynomials in l as coefficient arrays (index = power). */
const mul = (a: number[], b: number[]): number[] => {
  const out = new Array<number>(a.length + b.length - 1).fill(0);
  a.forEach((x, i) => b.forEach((y, j) => (out[i + j]! += x * y)));
  return out;
};
const add = (a: number[], b: number[]): number[] => Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
const apply = (p: number[], m: number[]): number => p.reduce((s, c, j) => s + c * m[j]!, 0);

export interface LinearGdOptions {
  /** readout slope c in Delta = c x - theta */
  slope: number;
  /** m0 = lim |Delta^0|^2 / d */
  m0: number;
  delta: number;
  sigma: number;
  dt: number;
  steps: number;
}

/** The limiting train and test curves, k = 0..steps. */
export function linearGdLimit(o: LinearGdOptions): { train: number[]; test: number[] } {
  const eta = o.slope * o.dt;
  const m = mpMoments(o.delta, 2 * o.steps + 2);
  const nu = (p: number[]): number => apply(p.map((c, j) => (j === 0 ? c : c / o.delta)), m);
  const A = [1, -eta];
  let Ak: number[] = [1]; // (1 - eta l)^k
  let S: number[] = [0]; // S_k(l)
  const train: number[] = [];
  const test: number[] = [];
  for (let k = 0; k <= o.steps; k++) {
    const A2 = mul(Ak, Ak);
    test.push((o.m0 * apply(A2, m) + eta * eta * o.sigma * o.sigma * apply(mul([0, 1], mul(S, S)), m)) / 2);
    train.push(((o.m0 * apply(mul([0, 1], A2), m)) / o.delta + o.sigma * o.sigma * nu(A2)) / 2);
    S = add(S, Ak);
    Ak = mul(Ak, A);
  }
  return { train, test };
}
