/**
 * Benchmark of the arbitrary-precision kernels against mpmath on identical inputs.
 * Prints, per case, ratio = peer time / our time (> 1 means we are faster), and checks
 * that both sides agree before trusting the timings.
 *
 *   npm run bench             readable table
 *   npm run bench -- --json   one JSON object { cases: [{ name, oursMs, peerMs, ratio }] }
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { eigSym } from '../src/numeric/eigen.js';
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

type PeerCase =
  | { kind: 'eigsy'; dps: number; num: number[][]; den: number }
  | { kind: 'ode'; dps: number; c0: number[][]; c1: number[][]; den: number; e0: number[]; e0den: number; t1: string };

interface PeerResult {
  ms: number;
  values: string[];
}

interface Case {
  name: string;
  /** digits both sides must agree to */
  minDigits: number;
  peer: PeerCase;
  /** time our kernel; returns its result as fixed-point values plus its Fixed context */
  ours: () => { ms: number; F: Fixed; values: Vec };
}

interface Row {
  name: string;
  oursMs: number;
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

/** Best wall time over `runs` timed calls after `warmups` untimed ones (JIT, caches). */
function best<T>(warmups: number, runs: number, fn: () => T): { ms: number; out: T } {
  let out = fn();
  for (let i = 1; i < warmups; i++) out = fn();
  let ms = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, out };
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
      const { ms, out } = best(1, 3, () => eigSym(F, M));
      return { ms, F, values: [out.values[0]!] };
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
      const { ms, out } = best(1, 2, () => integrateLinearPoly(F, C, 0n, y0, [F.one]));
      return { ms, F, values: out[0]! };
    },
  };
}

/** Install Debian's mpmath for /usr/bin/python3 if it is missing. */
function ensureMpmath(): void {
  const probe = (): boolean => spawnSync(PYTHON, ['-c', 'import mpmath'], { stdio: 'ignore' }).status === 0;
  if (probe()) return;
  process.stderr.write('bench: mpmath missing, installing python3-mpmath with apt-get\n');
  const root = process.getuid?.() === 0;
  const apt = (...args: string[]): boolean => {
    const [cmd, argv] = root ? ['apt-get', args] : ['sudo', ['apt-get', ...args]];
    // apt's chatter goes to stderr so that --json keeps stdout clean
    const r = spawnSync(cmd, argv, { stdio: ['ignore', 2, 2], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return r.status === 0;
  };
  // stale or empty package lists: refresh once and retry
  if (!apt('install', '-y', 'python3-mpmath')) apt('update');
  if (!probe() && !(apt('install', '-y', 'python3-mpmath') && probe())) {
    fail('could not install python3-mpmath');
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
  const obj = parsed as { mpmath?: unknown; results?: unknown };
  const results = obj.results;
  if (!Array.isArray(results) || results.length !== cases.length || !results.every(isPeerResult)) {
    fail(`unexpected peer output: ${r.stdout.slice(0, 200)}`);
  }
  return { version: String(obj.mpmath), results };
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

function fail(msg: string): never {
  process.stderr.write(`bench: ${msg}\n`);
  process.exit(1);
}

function main(): void {
  const cases = [eigCase(16, 50), eigCase(32, 50), odeCase(16, 40)];
  ensureMpmath();
  // peer first and ours after, never concurrently, so the two do not compete for a core
  const peer = runPeer(cases.map((c) => c.peer));
  const rows: Row[] = cases.map((c, k) => {
    const p = peer.results[k]!;
    const o = c.ours();
    const digits = agreement(o.F, o.values, p.values);
    if (!(digits >= c.minDigits)) {
      fail(`${c.name}: ours and mpmath agree to ${digits.toFixed(1)} digits only (need ${c.minDigits})`);
    }
    return { name: c.name, oursMs: o.ms, peerMs: p.ms, ratio: p.ms / o.ms, digits };
  });

  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  if (json) {
    const out = rows.map((r) => ({ name: r.name, oursMs: r3(r.oursMs), peerMs: r3(r.peerMs), ratio: r3(r.ratio) }));
    process.stdout.write(JSON.stringify({ cases: out }) + '\n');
    return;
  }
  const w = Math.max(...rows.map((r) => r.name.length));
  const line = (cols: string[]): string => cols[0]!.padEnd(w) + cols.slice(1).map((s) => s.padStart(12)).join('') + '\n';
  process.stdout.write(`peer: mpmath ${peer.version} (${PYTHON}); ratio = peer / ours, > 1 means we are faster\n`);
  process.stdout.write(line(['case', 'ours ms', 'peer ms', 'ratio', 'agree dig']));
  for (const r of rows) {
    const dig = Number.isFinite(r.digits) ? r.digits.toFixed(1) : 'all';
    process.stdout.write(line([r.name, r.oursMs.toFixed(2), r.peerMs.toFixed(2), r.ratio.toFixed(2), dig]));
  }
}

main();
