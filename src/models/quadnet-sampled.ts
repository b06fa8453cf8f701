/**
 * The quadratic network on sampled Gaussian inputs, in float64: n inputs x_mu ~ N(0, I_d), labels
 * of a symmetric target S*, y_mu = x_mu^T S* x_mu - tr S* (the centred quadratic, He_2, whose
 * features x x^T - I have E <x x^T - I, D>^2 = 2 |D|_F^2 for symmetric D: no trace mode), and the
 * training loss
 *   L(M) = 1/(4n) sum_mu (<x_mu x_mu^T - I, M> - y_mu)^2  (population: 1/2 |M - S*|_F^2).
 * The loss is a quadratic form in the d(d+1)/2 coordinates of M: its Gram matrix G (sum over the
 * samples) is factorised G = C^T C (Cholesky), and the rows of C, written as d x d row-major rows,
 * with labels C s*, give a design of d(d+1)/2 rows with exactly the same loss (noiseless labels:
 * 1/2 |C (s - s*)|^2) for both the network's descent and the convex solver: the samples enter
 * only through G.
 *
 * The convex route: proximal gradient for min_M 1/2 |C(m - s*)|^2 + kappa |M|_* in float64 (a
 * Jacobi eigensolver for the spectral soft threshold), step 2/(L + mu).
 */
import type { Rng } from '../numeric/rng.js';

/**
 * Standard normal draws from a uniform stream, by Box-Muller with both of its outputs (cos, then
 * sin of the same pair): half the logarithms of taking one per pair.
 */
export function gaussianStream(rng: Rng): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const v = spare;
      spare = undefined;
      return v;
    }
    const r = Math.sqrt(-2 * Math.log(1 - rng.next()));
    const t = 2 * Math.PI * rng.next();
    spare = r * Math.sin(t);
    return r * Math.cos(t);
  };
}

/** The pairs (i <= j) of the symmetric coordinates, row by row. */
export function symmetricPairs(d: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) out.push([i, j]);
  return out;
}

/** Cholesky factor R (upper triangular, R^T R = G) of a symmetric positive definite G; throws when not. */
export function cholesky(G: number[][]): number[][] {
  const m = G.length;
  const R = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let j = 0; j < m; j++) {
    let s = G[j]![j]!;
    for (let k = 0; k < j; k++) s -= R[k]![j]! ** 2;
    if (!(s > 0)) throw new RangeError('cholesky: not positive definite');
    const r = Math.sqrt(s);
    R[j]![j] = r;
    for (let i = j + 1; i < m; i++) {
      let t = G[j]![i]!;
      for (let k = 0; k < j; k++) t -= R[k]![j]! * R[k]![i]!;
      R[j]![i] = t / r;
    }
  }
  return R;
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi (float64): values descending, vectors as columns of V. */
export function jacobiEig(M: number[][]): { values: number[]; V: number[][] } {
  const d = M.length;
  const A = M.map((r) => r.slice());
  const V: number[][] = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let tot = 0;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) (i === j ? (tot += A[i]![j]! ** 2) : (off += A[i]![j]! ** 2));
    if (off <= 1e-32 * (tot + off) || off === 0) break;
    for (let p = 0; p < d; p++)
      for (let q = p + 1; q < d; q++) {
        const apq = A[p]![q]!;
        if (apq === 0) continue;
        const theta = (A[q]![q]! - A[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = A[k]![p]!;
          const akq = A[k]![q]!;
          A[k]![p] = c * akp - s * akq;
          A[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = A[p]![k]!;
          const aqk = A[q]![k]!;
          A[p]![k] = c * apk - s * aqk;
          A[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = V[k]![p]!;
          const vkq = V[k]![q]!;
          V[k]![p] = c * vkp - s * vkq;
          V[k]![q] = s * vkp + c * vkq;
        }
      }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((a, b) => A[b]![b]! - A[a]![a]!);
  return { values: order.map((i) => A[i]![i]!), V: V.map((row) => order.map((i) => row[i]!)) };
}

export interface SampledDesign {
  d: number;
  n: number;
  /** d(d+1)/2 rows of d^2 (row-major vec M): 1/2 |A vec(M) - y|^2 is the training loss up to a constant */
  A: number[][];
  y: number[];
  /** extreme eigenvalues [mu, L] of the loss's Hessian on the symmetric coordinates (orthonormal basis) */
  spectrum: [number, number];
}

/**
 * n Gaussian inputs of dimension d, the centred features, and the compressed design of the loss
 * 1/(4n) sum (<x x^T - I, M> - y)^2, y = <x x^T - I, S*> + noise xi (xi standard normal; noise 0:
 * noiseless labels). Compressed labels y' solve R^T y' = sum_mu b_mu y_mu.
 */
export function sampledDesign(S: number[][], n: number, rng: Rng, noise = 0): SampledDesign {
  return nestedDesigns(S, [n], rng, noise)[0]!;
}

/**
 * The features are b_p = w_p x_i x_j - delta_p over the coordinates p = (i <= j) (w = 1, delta = 1 on
 * the diagonal; w = 2, delta = 0 off it), so sum_mu b_p b_q needs only the sums of the distinct
 * quartic monomials x_i x_j x_k x_l (i <= j <= k <= l: C(d+3, 4) of them, against m(m+1)/2
 * pairs p <= q) and of the quadratic ones: half the multiply-adds of the Gram matrix, the cost.
 * The index tables depend on d only (remembered: small designs drawn by the thousand would
 * otherwise spend most of their time here).
 */
const monomialTables = new Map<number, { monoA: Int32Array; monoB: Int32Array; pairMono: Int32Array }>();
function monomials(d: number): { monoA: Int32Array; monoB: Int32Array; pairMono: Int32Array } {
  const known = monomialTables.get(d);
  if (known) return known;
  const pairs = symmetricPairs(d);
  const m = pairs.length;
  const index = (i: number, j: number): number => pairs.findIndex(([a, b]) => a === Math.min(i, j) && b === Math.max(i, j));
  const A: number[] = [];
  const B: number[] = [];
  const monoOf = new Map<string, number>();
  for (let i = 0; i < d; i++)
    for (let j = i; j < d; j++)
      for (let k = j; k < d; k++)
        for (let l = k; l < d; l++) {
          monoOf.set(`${i},${j},${k},${l}`, A.length);
          A.push(index(i, j));
          B.push(index(k, l));
        }
  // the monomial of each pair (p, q): its four indices sorted
  const pairMono = new Int32Array(m * m);
  for (let p = 0; p < m; p++)
    for (let q = 0; q < m; q++) {
      const key = [...pairs[p]!, ...pairs[q]!].sort((a, b) => a - b).join(',');
      pairMono[p * m + q] = monoOf.get(key)!;
    }
  const tables = { monoA: Int32Array.from(A), monoB: Int32Array.from(B), pairMono };
  monomialTables.set(d, tables);
  return tables;
}

/**
 * The designs of the first n_1 < n_2 < ... inputs of one stream (the stream sampledDesign draws):
 * nested sample sets, for common random numbers across sample sizes, at the cost of the largest.
 */
export function nestedDesigns(S: number[][], ns: readonly number[], rng: Rng, noise = 0): SampledDesign[] {
  const d = S.length;
  const pairs = symmetricPairs(d);
  const m = pairs.length;
  if (ns.some((n, k) => !(Number.isInteger(n) && n > 0) || (k > 0 && n <= ns[k - 1]!))) throw new RangeError('nestedDesigns: sizes must be positive integers, increasing');
  const { monoA, monoB, pairMono } = monomials(d);
  const T = monoA.length;
  const wt = pairs.map(([i, j]) => (i === j ? 1 : 2));
  const dl = pairs.map(([i, j]) => (i === j ? 1 : 0));
  const s = pairs.map(([i, j]) => S[i]![j]!);
  const S4 = new Float64Array(T);
  const S2 = new Float64Array(m);
  const hn = new Float64Array(m);
  const x = new Float64Array(d);
  const B = 4;
  const prod = Array.from({ length: B }, () => new Float64Array(m));
  const xi = new Float64Array(B);
  const out: SampledDesign[] = [];
  const gauss = gaussianStream(rng);
  let drawn = 0;
  for (const n of ns) {
    while (drawn < n) {
      const t = Math.min(B, n - drawn);
      for (let u = 0; u < t; u++) {
        for (let i = 0; i < d; i++) x[i] = gauss();
        const pu = prod[u]!;
        for (let k = 0; k < m; k++) {
          const v = x[pairs[k]![0]]! * x[pairs[k]![1]]!;
          pu[k] = v;
          S2[k] = S2[k]! + v;
        }
        xi[u] = noise > 0 ? gauss() : 0;
        if (noise > 0) for (let k = 0; k < m; k++) hn[k] = hn[k]! + (wt[k]! * pu[k]! - dl[k]!) * xi[u]!;
      }
      if (t === B) {
        const [p0, p1, p2, p3] = prod as [Float64Array, Float64Array, Float64Array, Float64Array];
        for (let k = 0; k < T; k++) {
          const a = monoA[k]!;
          const b = monoB[k]!;
          S4[k] = S4[k]! + p0[a]! * p0[b]! + p1[a]! * p1[b]! + p2[a]! * p2[b]! + p3[a]! * p3[b]!;
        }
      } else
        for (let u = 0; u < t; u++) {
          const pu = prod[u]!;
          for (let k = 0; k < T; k++) S4[k] = S4[k]! + pu[monoA[k]!]! * pu[monoB[k]!]!;
        }
      drawn += t;
    }
    // sum b_p b_q = w_p w_q S4(pq) - delta_q w_p S2_p - delta_p w_q S2_q + delta_p delta_q n; scaled by 1/(2n)
    const c = 1 / (2 * n);
    const Gm = Array.from({ length: m }, (_, p) => Array.from({ length: m }, (_, q) => c * (wt[p]! * wt[q]! * S4[pairMono[p * m + q]!]! - dl[q]! * wt[p]! * S2[p]! - dl[p]! * wt[q]! * S2[q]! + dl[p]! * dl[q]! * n)));
    // h = sum_mu b_mu y_mu, y = b . s + noise xi: G s (its scale already in G) and the noise part
    const h = Gm.map((row, p) => row.reduce((acc, g, q) => acc + g * s[q]!, 0) + (noise > 0 ? c * noise * hn[p]! : 0));
    out.push(designFromGram(d, n, Gm, h));
  }
  return out;
}

/**
 * The compressed design of a loss 1/2 (s - s*)^T G (s - s*) (+ const) given by its Gram matrix G over
 * the coordinates s_ij, i <= j (symmetricPairs order; <B, M> = sum b_ij s_ij with b_ij = 2 B_ij off the
 * diagonal) and h = sum_mu b_mu y_mu (noiseless: h = G s*). Also builds designs for a chosen G (a
 * perturbation of the identity, in tests), not only sampled ones.
 */
export function designFromGram(d: number, n: number, G: number[][], h: number[]): SampledDesign {
  const pairs = symmetricPairs(d);
  const m = pairs.length;
  const R = cholesky(G);
  const A = R.map((row) => {
    const v = new Array<number>(d * d).fill(0);
    pairs.forEach(([i, j], k) => {
      if (i === j) v[i * d + i] = row[k]!;
      else v[i * d + j] = v[j * d + i] = row[k]! / 2;
    });
    return v;
  });
  // R^T y = h, R upper triangular: forward substitution
  const y = new Array<number>(m).fill(0);
  for (let p = 0; p < m; p++) {
    let t = h[p]!;
    for (let k = 0; k < p; k++) t -= R[k]![p]! * y[k]!;
    y[p] = t / R[p]![p]!;
  }
  // Hessian in the orthonormal basis (e_ij + e_ji)/sqrt 2: scale coordinates by 1/sqrt 2 off the diagonal;
  // its eigensolve costs more than the rest at small n and only the convex solver reads it: on demand
  let spectrum: [number, number] | undefined;
  return {
    d,
    n,
    A,
    y,
    get spectrum(): [number, number] {
      if (!spectrum) {
        const w = pairs.map(([i, j]) => (i === j ? 1 : Math.SQRT1_2));
        const ev = jacobiEig(G.map((row, p) => row.map((g, q) => g * w[p]! * w[q]!))).values;
        spectrum = [ev[ev.length - 1]!, ev[0]!];
      }
      return spectrum;
    },
  };
}

/**
 * The antithetic partner of a noiseless design: the loss whose Gram operator is H' = 2 I - H (I the
 * population's, E H), i.e. Delta' = -Delta, with noiseless labels of S (h = G' s*). Every quantity
 * that is a power series in Delta has its odd orders flipped on it, so the mean over the pair keeps
 * the even orders only (a variance-reduction device: H' is not a sampled design, and its mean
 * differs from a sample's at the third cumulant of Delta, O(1/n^2)). Throws when H' is not
 * positive definite (|Delta| >= 1: too few samples).
 */
export function mirroredDesign(D: SampledDesign, S: number[][]): SampledDesign {
  const { d, n, A } = D;
  const pairs = symmetricPairs(d);
  // the Cholesky rows R in pair coordinates (designFromGram halves them off the diagonal): G = R^T R
  const R = A.map((row) => pairs.map(([i, j]) => (i === j ? row[i * d + i]! : 2 * row[i * d + j]!)));
  // E G is diagonal in pair coordinates: 1 on the diagonal pairs, 2 off it (the population 1/2 |M|_F^2)
  const G = pairs.map(([i, j], p) =>
    pairs.map((_, q) => {
      let t = 0;
      for (const r of R) t += r[p]! * r[q]!;
      return (p === q ? 2 * (i === j ? 1 : 2) : 0) - t;
    }),
  );
  const s = pairs.map(([i, j]) => S[i]![j]!);
  return designFromGram(d, n, G, G.map((row) => row.reduce((acc, g, q) => acc + g * s[q]!, 0)));
}

export interface ConvexSolution {
  S: number[][];
  values: number[];
  iterations: number;
  converged: boolean;
}

/**
 * min over symmetric M of 1/2 |A vec(M) - y|^2 + kappa |M|_*, by proximal gradient (step 2/(L+mu),
 * spectral soft threshold at t kappa), until no entry moves by more than tol.
 */
export function nuclearEstimator(D: SampledDesign, kappa: number, tol = 1e-14, maxIter = 200000): ConvexSolution {
  const { d, A, y } = D;
  const [mu, L] = D.spectrum;
  const t = 2 / (L + mu);
  let M = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  let values = new Array<number>(d).fill(0);
  for (let it = 0; it < maxIter; it++) {
    const G = new Array<number>(d * d).fill(0);
    for (let k = 0; k < A.length; k++) {
      const row = A[k]!;
      let r = -y[k]!;
      for (let j = 0; j < d * d; j++) r += row[j]! * M[Math.floor(j / d)]![j % d]!;
      for (let j = 0; j < d * d; j++) G[j] = G[j]! + row[j]! * r;
    }
    const Z = M.map((row, i) => row.map((v, j) => v - (t * (G[i * d + j]! + G[j * d + i]!)) / 2));
    const e = jacobiEig(Z);
    values = e.values.map((v) => Math.sign(v) * Math.max(0, Math.abs(v) - t * kappa));
    const next = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => values.reduce((s, v, k) => s + v * e.V[i]![k]! * e.V[j]![k]!, 0)));
    let moved = 0;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) moved = Math.max(moved, Math.abs(next[i]![j]! - M[i]![j]!));
    M = next;
    if (moved <= tol && it > 0) return { S: M, values, iterations: it + 1, converged: true };
  }
  return { S: M, values, iterations: maxIter, converged: false };
}
