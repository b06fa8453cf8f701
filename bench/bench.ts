/**
 * Benchmark of our kernels against Python peers on identical inputs: the arbitrary-precision
 * ones against mpmath, the float64 characteristics solver against the same algorithm in numpy.
 * Prints, per case, ratio = peer time / our time (> 1 means we are faster), and checks
 * that both sides agree before trusting the timings.
 *
 *   npm run bench                readable table
 *   npm run -s bench -- --json   one JSON object { cases: [{ name, oursMs, oursColdMs, peerMs, ratio, agreeDigits }] }
 *                                (-s keeps npm's own "> scalecheck bench" banner off stdout)
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { carriedEnergy } from '../src/models/characteristics.js';
import { eigSym } from '../src/numeric/eigen.js';
import { logGrid } from '../src/numeric/fit.js';
import { Fixed } from '../src/numeric/fixed.js';
import type { Mat, Vec } from '../src/numeric/linalg.js';
import { integrateLinearPoly } from '../src/numeric/ode.js';

const PYTHON = '/usr/bin/python3';
// dist/bench/bench.js -> bench/peer.py (the script is not copied by tsc)
const PEER = fileURLToPath(new URL('../../bench/peer.py', import.meta.url));
const json = process.argv.includes('--json');

/** Integer matrix with one common denominator: exact rationals both sides can build. */
interface RatMat {
  num: number[][];
  den: number;
}

/**
 * The separable field of the characteristics case, as numbers both sides turn into functions:
 * speed(s) = e^(speedRate s), clock(t) = t^clockPower, r(s) = decayCoef e^(decayRate s).
 */
interface PowerField {
  speedRate: number;
  clockPower: number;
  decayCoef: number;
  decayRate: number;
  sTop: number;
}

/** Carriers k = 1..n at s0 = -alpha ln k with weights k^-beta (both sides build them). */
interface CarrierSetup {
  n: number;
  alpha: number;
  beta: number;
  field: PowerField;
  /** JSON carries doubles exactly, so both sides step to the same times */
  times: number[];
  stepsPerDecade: number;
}

type PeerCase =
  | { kind: 'eigsy'; dps: number; num: number[][]; den: number }
  | { kind: 'ode'; dps: number; c0: number[][]; c1: number[][]; den: number; e0: number[]; e0den: number; t1: string }
  | ({ kind: 'characteristics' } & CarrierSetup);

interface PeerResult {
  ms: number;
  values: string[];
}

interface Case {
  name: string;
  /** digits both sides must agree to */
  minDigits: number;
  peer: PeerCase;
  /** time our kernel; returns the time, that of the first (cold) call, and the digits it shares with the peer's values */
  ours: () => { ms: number; coldMs: number; agree: (peer: string[]) => number };
}

interface Row {
  name: string;
  oursMs: number;
  oursColdMs: number;
  peerMs: number;
  ratio: number;
  digits: number;
}

function build(n: number, f: (i: number, j: number) => number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => f(i, j)));
}

/** J J^T for an integer J, exactly. */
function gram(J: number[][]): number[][] {
  return J.map((a) => J.map((b) => a.reduce((s, v, k) => s + v * b[k]!, 0)));
}

function toFixed(F: Fixed, m: RatMat): Mat {
  return m.num.map((row) => row.map((v) => F.ratio(v, m.den)));
}

/** Best wall time over `runs` timed calls after `warmups` (>= 1) untimed ones (JIT, caches); coldMs is the first call's. */
function best<T>(warmups: number, runs: number, fn: () => T): { ms: number; coldMs: number; out: T } {
  const c0 = performance.now();
  let out = fn();
  const coldMs = performance.now() - c0;
  for (let i = 1; i < warmups; i++) out = fn();
  let ms = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, coldMs, out };
}

function eigCase(n: number, digits: number): Case {
  // symmetric in i, j: both i*7 + j*7 and i*j are
  const A: RatMat = { num: build(n, (i, j) => ((i * 7 + j * 7 + ((i * j) % 5)) % 11) - 5), den: 3 };
  return {
    name: `eigsy n=${n} @${digits} digits`,
    minDigits: 40,
    peer: { kind: 'eigsy', dps: digits, ...A },
    ours: () => {
      const F = new Fixed(digits);
      const M = toFixed(F, A);
      const { ms, coldMs, out } = best(1, 3, () => eigSym(F, M));
      return { ms, coldMs, agree: (p) => agreement(F, [out.values[0]!], p) };
    },
  };
}

function odeCase(n: number, digits: number): Case {
  // M(t) = C0 + t C1 with C0, C1 Gram matrices, hence PSD for t >= 0;
  // scaled by 1/(4n) so that |M| stays moderate (the decay over [0, 1] is a few e-folds)
  const J0 = build(n, (i, k) => ((i * 3 + k * 5 + i * k) % 7) - 3);
  const J1 = build(n, (i, k) => ((i * 2 + k * 3 + ((i * k) % 4)) % 5) - 2);
  const den = 4 * n;
  const C0: RatMat = { num: gram(J0), den };
  const C1: RatMat = { num: gram(J1), den };
  const e0 = Array.from({ length: n }, (_, i) => ((i * 5) % 9) - 4);
  const e0den = 4;
  return {
    name: `linear ODE n=${n} @${digits} digits`,
    minDigits: 30,
    peer: { kind: 'ode', dps: digits, c0: C0.num, c1: C1.num, den, e0, e0den, t1: '1' },
    ours: () => {
      const F = new Fixed(digits);
      const C = [toFixed(F, C0), toFixed(F, C1)];
      const y0 = e0.map((v) => F.ratio(v, e0den));
      const { ms, coldMs, out } = best(1, 2, () => integrateLinearPoly(F, C, 0n, y0, [F.one]));
      return { ms, coldMs, agree: (p) => agreement(F, out[0]!, p) };
    },
  };
}

/** The setup of proofs-tests/numeric/transport-solvers.test.ts 'carry 10^6 modes over 6 decades of time'. */
function characteristicsCase(): Case {
  const setup: CarrierSetup = {
    n: 1_000_000,
    alpha: 1.5,
    beta: 1.6,
    field: { speedRate: 1, clockPower: -0.5, decayCoef: 2, decayRate: 1, sTop: 0 },
    times: logGrid(0, 6, 4),
    stepsPerDecade: 10,
  };
  const { n, alpha, beta, field: f } = setup;
  return {
    name: 'characteristics: 10^6 modes x 6 decades',
    // float64 on both sides: every output loss to a relative 1e-9
    minDigits: 9,
    peer: { kind: 'characteristics', ...setup },
    ours: () => {
      const s0 = Float64Array.from({ length: n }, (_, i) => -alpha * Math.log(i + 1));
      const w = Float64Array.from({ length: n }, (_, i) => (i + 1) ** -beta);
      const field = {
        speed: (s: number) => Math.exp(f.speedRate * s),
        clock: (t: number) => t ** f.clockPower,
        r: (s: number) => f.decayCoef * Math.exp(f.decayRate * s),
        sTop: f.sTop,
      };
      const { ms, coldMs, out } = best(1, 2, () => carriedEnergy(field, s0, w, setup.times, setup.stepsPerDecade));
      return { ms, coldMs, agree: (p) => relativeAgreement(out, p) };
    },
  };
}

/** Install a Debian package for /usr/bin/python3 (python3-mpmath, python3-numpy) if its module is missing. */
function ensurePython(module: string, pkg: string): void {
  const probe = (): boolean => spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
  if (probe()) return;
  process.stderr.write(`bench: ${module} missing, installing ${pkg} with apt-get\n`);
  const root = process.getuid?.() === 0;
  const apt = (...args: string[]): boolean => {
    const [cmd, argv] = root ? ['apt-get', args] : ['sudo', ['apt-get', ...args]];
    // apt's chatter goes to stderr so that --json keeps stdout clean
    const r = spawnSync(cmd, argv, { stdio: ['ignore', 2, 2], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return r.status === 0;
  };
  // stale or empty package lists: refresh once and retry
  if (!apt('install', '-y', pkg)) apt('update');
  if (!probe() && !(apt('install', '-y', pkg) && probe())) {
    fail(`could not install ${pkg}`);
  }
}

function isPeerResult(x: unknown): x is PeerResult {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as { ms?: unknown; values?: unknown };
  return typeof r.ms === 'number' && Array.isArray(r.values) && r.values.every((v) => typeof v === 'string');
}

/** Run all peer cases in one Python process (one interpreter start, one mpmath import). */
function runPeer(cases: PeerCase[]): { version: string; results: PeerResult[] } {
  const r = spawnSync(PYTHON, [PEER], {
    input: JSON.stringify({ cases }),
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
  });
  if (r.error) fail(`peer failed to start: ${r.error.message}`);
  if (r.status !== 0) fail(`peer exited with status ${r.status}`);
  const parsed: unknown = JSON.parse(r.stdout);
  const obj = parsed as { mpmath?: unknown; numpy?: unknown; results?: unknown };
  const results = obj.results;
  if (!Array.isArray(results) || results.length !== cases.length || !results.every(isPeerResult)) {
    fail(`unexpected peer output: ${r.stdout.slice(0, 200)}`);
  }
  return { version: `mpmath ${String(obj.mpmath)}, numpy ${String(obj.numpy)}`, results };
}

/** Decimal digits of agreement: -log10(max |ours - peer| / max |peer|). */
function agreement(F: Fixed, ours: Vec, peer: string[]): number {
  if (ours.length !== peer.length) fail(`result length mismatch: ${ours.length} vs ${peer.length}`);
  let err = new F.D(0);
  let ref = new F.D(0);
  ours.forEach((v, i) => {
    const p = new F.D(peer[i]!);
    err = F.D.max(err, F.toDecimal(v).minus(p).abs());
    ref = F.D.max(ref, p.abs());
  });
  if (err.isZero()) return Infinity;
  return -err.div(ref.isZero() ? 1 : ref).log(10).toNumber();
}

/** Decimal digits of agreement of float64 results, element by element: -log10(max_i |ours_i - peer_i| / |peer_i|). */
function relativeAgreement(ours: number[], peer: string[]): number {
  if (ours.length !== peer.length) fail(`result length mismatch: ${ours.length} vs ${peer.length}`);
  let rel = 0;
  for (let i = 0; i < ours.length; i++) {
    const v = ours[i]!;
    const p = Number(peer[i]!);
    if (v === p) continue;
    const e = Math.abs(v - p) / Math.abs(p);
    // a NaN on either side is no agreement at all
    if (Number.isNaN(e)) return -Infinity;
    rel = Math.max(rel, e);
  }
  return rel === 0 ? Infinity : -Math.log10(rel);
}

function fail(msg: string): never {
  process.stderr.write(`bench: ${msg}\n`);
  process.exit(1);
}

function main(): void {
  const cases = [eigCase(16, 50), eigCase(32, 50), odeCase(16, 40), characteristicsCase()];
  ensurePython('mpmath', 'python3-mpmath');
  ensurePython('numpy', 'python3-numpy');
  // peer first and ours after, never concurrently, so the two do not compete for a core
  const peer = runPeer(cases.map((c) => c.peer));
  const rows: Row[] = cases.map((c, k) => {
    const p = peer.results[k]!;
    const o = c.ours();
    const digits = o.agree(p.values);
    if (!(digits >= c.minDigits)) {
      fail(`${c.name}: ours and the peer agree to ${digits.toFixed(1)} digits only (need ${c.minDigits})`);
    }
    return { name: c.name, oursMs: o.ms, oursColdMs: o.coldMs, peerMs: p.ms, ratio: p.ms / o.ms, digits };
  });

  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  if (json) {
    const out = rows.map((r) => ({ name: r.name, oursMs: r3(r.oursMs), oursColdMs: r3(r.oursColdMs), peerMs: r3(r.peerMs), ratio: r3(r.ratio), agreeDigits: Number.isFinite(r.digits) ? r3(r.digits) : null }));
    process.stdout.write(JSON.stringify({ cases: out }) + '\n');
    return;
  }
  const w = Math.max(...rows.map((r) => r.name.length));
  const line = (cols: string[]): string => cols[0]!.padEnd(w) + cols.slice(1).map((s) => s.padStart(12)).join('') + '\n';
  process.stdout.write(`peer: ${peer.version} (${PYTHON}); ratio = peer / ours, > 1 means we are faster\n`);
  process.stdout.write(line(['case', 'ours ms', 'ours cold', 'peer ms', 'ratio', 'agree dig']));
  for (const r of rows) {
    const dig = Number.isFinite(r.digits) ? r.digits.toFixed(1) : 'all';
    process.stdout.write(line([r.name, r.oursMs.toFixed(2), r.oursColdMs.toFixed(2), r.peerMs.toFixed(2), r.ratio.toFixed(2), dig]));
  }
  process.stdout.write('ours ms: best warm call; ours cold: the first call (JIT); agree dig: relative for float64, absolute/max for the rest\n');
}

main();
