/**
 * flow: function-space gradient flow (Zhang, arXiv 2512.10427).
 */
import fc from 'fast-check';
import { defineClaim, crossCheckDerivative, type Claim } from '../src/api/index.js';
import { dec, eigSym, matmulT, polyEval, centralDerivative, levelsFor } from '../src/api/numeric.js';
import { SpectralPath, TanhNet } from '../src/api/models.js';
import { FD_FRACTION, FD_TOLERANCE, fixedAt, netDomain, netFlow, type NetParams } from './instances.js';

const SOURCE = 'arXiv:2512.10427';

export const functionSpace = defineClaim<NetParams>({
  id: 'flow.function-space',
  group: 'flow',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`\dot\theta = -J^\top e \;\Longrightarrow\; \frac{de}{dt} = -M e,\quad M = JJ^\top`,
  domain: netDomain({ n: 6, m: 3, d: 2 }),
  affinity: 'net-flow',
  encoding: {
    defs: [['M', 'J * transpose(J)']],
    equations: [{ name: 'flow', lhs: 'de_fd', rhs: '-M * e' }],
  },
  instance(params, { digits }) {
    const f = netFlow(params, digits);
    const de = f.derivative((th) => f.net.residual(th));
    return { scope: { de_fd: dec(f.F, de), J: dec(f.F, f.J), e: dec(f.F, f.e) } };
  },
  tolerance: FD_TOLERANCE,
  variants: [
    { name: 'sign flipped: de/dt = +Me', equations: { flow: { rhs: 'M * e' } } },
    { name: 'factor 2: de/dt = -2Me', equations: { flow: { rhs: '-2 * M * e' } } },
    { name: 'exponent off by one: de/dt = -M^2 e', equations: { flow: { rhs: '-M * M * e' } } },
  ],
});

export const mPsd = defineClaim<NetParams>({
  id: 'flow.m-psd',
  group: 'flow',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`M = JJ^\top = M^\top \succeq 0,\qquad \operatorname{rank} M \le \min(n, p)`,
  domain: netDomain({ n: 12, m: 3, d: 2 }),
  encoding: {
    defs: [['M', 'J * transpose(J)']],
    equations: [
      { name: 'symmetric', lhs: 'M', rhs: 'transpose(M)' },
      { name: 'psd', lhs: 'max(0, -min(lambda))', rhs: '0', scale: 'max(abs(lambda))' },
      { name: 'rank', lhs: 'tailabs(lambda, min(n, p))', rhs: '0', scale: 'max(abs(lambda))' },
    ],
  },
  instance(params, { digits }) {
    const F = fixedAt(digits);
    const net = new TanhNet(F, params);
    const J = net.jacobian(net.theta0);
    // the independent route: the eigenvalues of J J^T from the Jacobi solver
    const lambda = eigSym(F, matmulT(F, J, J)).values;
    return { scope: { J: dec(F, J), lambda: dec(F, lambda), n: params.n, p: net.p } };
  },
  symbolic: { scopes: () => [{ J: [['j11', 'j12', 'j13'], ['j21', 'j22', 'j23']] }], equations: ['symmetric'] },
  variants: [
    { name: 'rank off by one: rank M <= min(n,p) - 1', equations: { rank: { lhs: 'tailabs(lambda, min(n, p) - 1)' } } },
    { name: 'sign flipped: M negative semidefinite', equations: { psd: { lhs: 'max(0, max(lambda))' } } },
  ],
});

export const energyDecay = defineClaim<NetParams>({
  id: 'flow.energy-decay',
  group: 'flow',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`\frac{d}{dt}\tfrac12\|e\|^2 = -e^\top M e \le 0`,
  domain: netDomain({ n: 6, m: 3, d: 2 }),
  affinity: 'net-flow',
  encoding: {
    defs: [['M', 'J * transpose(J)']],
    equations: [
      { name: 'rate', lhs: 'dL_fd', rhs: '-dot(e, M * e)' },
      { name: 'sign', lhs: 'max(0, -dot(e, M * e))', rhs: '0', scale: 'dot(e, e) * norm(M, "fro") + 1' },
    ],
  },
  instance(params, { digits }) {
    const f = netFlow(params, digits);
    const F = f.F;
    const dL = f.derivative((th) => {
      const r = f.net.residual(th);
      return [r.reduce((s, v) => s + F.mul(v, v), 0n) / 2n];
    });
    return { scope: { dL_fd: dec(F, dL[0]!), J: dec(F, f.J), e: dec(F, f.e) } };
  },
  tolerance: FD_TOLERANCE,
  variants: [
    { name: 'factor 2: dL/dt = -2 e^T M e', equations: { rate: { rhs: '-2 * dot(e, M * e)' } } },
    { name: 'sign flipped: dL/dt = +e^T M e', equations: { rate: { rhs: 'dot(e, M * e)' } } },
  ],
});

interface RescaleParams {
  n: number;
  p: number;
  deg: number;
  seed: number;
  /** kappa = k4 / 4 */
  k4: number;
  /** t1 = t16 / 16 */
  t16: number;
}

export const timeRescaling = defineClaim<RescaleParams>({
  id: 'flow.time-rescaling',
  group: 'flow',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`\dot e = -M(t)e,\ \tilde e(t) = e(\kappa t) \;\Longrightarrow\; \tilde e'(t) = -\kappa M(\kappa t)\tilde e(t)\quad(\kappa>0)`,
  domain: fc.record({
    n: fc.integer({ min: 1, max: 8 }),
    p: fc.integer({ min: 1, max: 8 }),
    deg: fc.integer({ min: 1, max: 2 }),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    k4: fc.integer({ min: 1, max: 8 }),
    t16: fc.integer({ min: 0, max: 4 }),
  }),
  encoding: {
    defs: [],
    equations: [{ name: 'rescaled', lhs: 'dEt_fd', rhs: '-kappa * Mk * et' }],
  },
  instance(params, { digits }) {
    const F = fixedAt(digits);
    // e(t) from the Taylor series about 0, out to kappa (t1 + h0) <= 2 (1/4 + 1/64)
    const P = new SpectralPath(F, params, 0n, false, F.ratio(9, 16));
    const kappa = F.ratio(params.k4, 4);
    const t1 = F.ratio(params.t16, 16);
    const et = (t: bigint) => P.eAt(F.mul(kappa, t));
    const d = centralDerivative(F, et, t1, F.pow2(-6), levelsFor(F, -3, FD_FRACTION));
    return {
      scope: {
        dEt_fd: dec(F, d),
        kappa: dec(F, kappa),
        Mk: dec(F, polyEval(F, P.M, F.mul(kappa, t1))),
        M1: dec(F, polyEval(F, P.M, t1)),
        et: dec(F, et(t1)),
      },
    };
  },
  // the scalar (commuting) case, e(s) = exp(-int_0^s m) with m quadratic: the derivative is
  // taken by both CASes (nerdamer and mathjs) and each must make the equation vanish
  symbolic: {
    scopes: () => {
      const e = 'exp(-(m0*kappa*t + m1*(kappa*t)^2/2 + m2*(kappa*t)^3/3))';
      const d = crossCheckDerivative(e, 't');
      const base = { kappa: 'kappa', Mk: 'm0 + m1*kappa*t + m2*(kappa*t)^2', et: e };
      return [{ ...base, dEt_fd: d.nerdamer }, { ...base, dEt_fd: d.mathjs }];
    },
  },
  tolerance: FD_TOLERANCE,
  variants: [
    { name: 'lost kappa: -M(kt) e~', equations: { rescaled: { rhs: '-Mk * et' } } },
    { name: 'M at the wrong time: -kappa M(t) e~', equations: { rescaled: { rhs: '-kappa * M1 * et' } } },
    { name: 'kappa squared', equations: { rescaled: { rhs: '-kappa^2 * Mk * et' } } },
  ],
});

export const flowClaims = [functionSpace, mPsd, energyDecay, timeRescaling];
