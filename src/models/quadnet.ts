/**
 * The quadratic network f(x) = ||W x||^2 (W: m x d) on a quadratic target x^T S* x, trained by
 * gradient flow on the population loss with weight decay. With centred quadratic features the
 * population loss is 1/2 ||W^T W - S*||_F^2 (up to a constant factor absorbed in time):
 *   L(W) = 1/2 ||W^T W - S*||_F^2 + lambda/2 ||W||_F^2,
 *   dW/dt = -2 W (G - S*) - lambda W,  G = W^T W,
 *   dG/dt = -2 [G (G - S*) + (G - S*) G] - 2 lambda G.
 * From an isotropic start G(0) = eps I (W(0) = sqrt(eps) Q, Q orthogonal) G stays a function of S*:
 * in the eigenbasis of S* (eigenvalues s_k) each eigenvalue of G follows the scalar flow
 *   dg_k/dt = -4 g_k (g_k - s_k + lambda/2),
 * integrated here mode by mode (RK4 on ln g_k, which keeps g_k > 0 and tames the early
 * exponential growth). `matrixFlow` integrates the full d x d flow for small d, to check the
 * reduction against.
 */

export interface SpectrumFlow {
  /** trained eigenvalues of W^T W at the final time, by mode */
  g: number[];
  /** per mode: whether its velocity fell below tol before the final time */
  settled: boolean[];
  /** modes whose velocity had not fallen below tol by the final time */
  unsettled: number;
}

/**
 * The trained spectrum at time T, or earlier per mode once settled: alive, within tol lambda of
 * its fixed point g* = s_k - lambda/2 (|g - g*| = |du/dt| / 4, or g's own float64 resolution), or
 * dead, below tol lambda and falling. courant: the RK4 step times the fastest rate 4 (max(g, s_k) +
 * lambda), below RK4's stability limit 2.78; a larger one reaches the same fixed point (RK4
 * leaves fixed points fixed) in fewer steps, a smaller one follows the path more closely.
 */
export function modeFlow(s: number[], lambda: number, eps: number, T: number, tol = 1e-12, courant = 0.5): SpectrumFlow {
  if (!(courant > 0 && courant < 2.7)) throw new RangeError(`courant must lie in (0, 2.7), got ${courant}`);
  const settled: boolean[] = [];
  const g = s.map((sk) => {
    // u = ln g: du/dt = -4 (e^u - s + lambda/2)
    const f = (u: number): number => -4 * (Math.exp(u) - sk + lambda / 2);
    let u = Math.log(eps);
    let t = 0;
    let done = false;
    while (t < T) {
      const k1 = f(u);
      const g = Math.exp(u);
      // g = e^u is resolved to about eps |u| relative (the spacing of doubles near u)
      const floor = 16 * Number.EPSILON * (1 + Math.abs(u)) * Math.max(Math.abs(sk), g);
      if (Math.abs(k1) / 4 < tol * lambda + floor || (k1 < 0 && g < tol * lambda)) {
        done = true;
        break;
      }
      // RK4 on du/dt = -4 (e^u - a) is stable for 4 h e^u and 4 h |a| below 2.7: the step follows
      // the larger (a start eps above s_k + lambda would otherwise overshoot), and lands on T
      const h = Math.min(T - t, courant / (4 * (Math.max(g, Math.abs(sk)) + lambda)));
      const k2 = f(u + (h / 2) * k1);
      const k3 = f(u + (h / 2) * k2);
      const k4 = f(u + h * k3);
      u += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
      t += h;
    }
    settled.push(done);
    return Math.exp(u);
  });
  return { g, settled, unsettled: settled.filter((x) => !x).length };
}

type M = number[][];
const mm = (A: M, B: M): M => A.map((r) => B[0]!.map((_, j) => r.reduce((acc, v, k) => acc + v * B[k]![j]!, 0)));
const tr = (A: M): M => A[0]!.map((_, j) => A.map((r) => r[j]!));

/** The full flow dW/dt = -2 W (W^T W - S) - lambda W by RK4 with step h, to time T. */
export function matrixFlow(S: M, lambda: number, W0: M, T: number, h: number): M {
  const vel = (W: M): M => {
    const G = mm(tr(W), W);
    const D = G.map((r, i) => r.map((v, j) => v - S[i]![j]!));
    const WD = mm(W, D);
    return W.map((r, i) => r.map((v, j) => -2 * WD[i]![j]! - lambda * v));
  };
  const comb = (W: M, K: M, c: number): M => W.map((r, i) => r.map((v, j) => v + c * K[i]![j]!));
  let W = W0.map((r) => r.slice());
  for (let t = 0; t < T; t += h) {
    const k1 = vel(W);
    const k2 = vel(comb(W, k1, h / 2));
    const k3 = vel(comb(W, k2, h / 2));
    const k4 = vel(comb(W, k3, h));
    W = W.map((r, i) => r.map((v, j) => v + (h / 6) * (k1[i]![j]! + 2 * k2[i]![j]! + 2 * k3[i]![j]! + k4[i]![j]!)));
  }
  return W;
}
