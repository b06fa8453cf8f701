/**
 * `scalecheck diagnose [--input FILE.json] [--json]`: the measured assumptions (diagnostics)
 * on built-in small networks (a two-layer tanh net, a deeper tanh net with and without skip
 * connections, a wider one with skips), or on the user's own network described in a JSON file
 * (README, "Diagnostics").
 */
import { readFileSync } from 'node:fs';
import { traceOf, type Diagnostic, type DiagnosticNetwork, type DiagnosticResult } from '../core/diagnostic.js';
import { Fixed } from '../numeric/fixed.js';
import { Mlp, type Activation, type MlpSpec } from '../models/resnet.js';
import { TanhNet, type NetSpec } from '../models/network.js';
import { Rng } from '../numeric/rng.js';
import { UsageError } from './args.js';

export interface DiagnoseOptions {
  input?: string;
  json: boolean;
}

export function parseDiagnose(argv: string[]): DiagnoseOptions {
  const o: DiagnoseOptions = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--json' && inline === undefined) o.json = true;
    else if (flag === '--input') {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || v.startsWith('--')) throw new UsageError('--input needs a file');
      o.input = v;
    } else throw new UsageError(`unknown option '${a}' for diagnose (--input FILE.json, --json)`);
  }
  return o;
}

/* ------------------------------------------------------------------------------------------
 * Networks
 * ---------------------------------------------------------------------------------------- */

export interface NetworkData {
  name: string;
  description: string;
  spec: MlpSpec;
  theta0: Float64Array;
  X: number[][];
  y: number[];
  /** 'auto': half the stable step 2 / lambda_max(M) at initialisation */
  learningRate: number | 'auto';
  steps: number;
  snapshots: number;
  shellWidth?: number;
}

/** A network the diagnostics can train, from an Mlp and its data. */
export function mlpNetwork(D: NetworkData): DiagnosticNetwork {
  const net = new Mlp(D.spec);
  if (D.theta0.length !== net.p) throw new UsageError(`${D.name}: ${D.theta0.length} weights given, the architecture has ${net.p}`);
  const evaluate = (theta: Float64Array): { e: Float64Array; J: Float64Array[] } => {
    const J: Float64Array[] = [];
    const e = new Float64Array(D.X.length);
    D.X.forEach((x, mu) => {
      const g = net.gradient(theta, x);
      J.push(g.grad);
      e[mu] = g.f - D.y[mu]!;
    });
    return { e, J };
  };
  let lr = D.learningRate;
  if (lr === 'auto') {
    // power iteration for lambda_max(M), M = J J^T at initialisation
    const { J } = evaluate(D.theta0);
    const M = J.map((a) => J.map((b) => a.reduce((s, x, i) => s + x * b[i]!, 0)));
    let v = M.map(() => 1);
    let lam = 0;
    for (let it = 0; it < 500; it++) {
      const w = M.map((r) => r.reduce((s, x, j) => s + x * v[j]!, 0));
      const nw = Math.sqrt(w.reduce((s, x) => s + x * x, 0));
      if (nw === 0) break;
      const next = nw / Math.sqrt(v.reduce((s, x) => s + x * x, 0));
      v = w.map((x) => x / nw);
      if (Math.abs(next - lam) <= 1e-9 * next) {
        lam = next;
        break;
      }
      lam = next;
    }
    lr = lam > 0 ? 1 / lam : 0.1;
  }
  return {
    name: D.name,
    description: D.description,
    n: D.X.length,
    p: net.p,
    theta0: D.theta0,
    layers: net.layers.map((L) => ({ name: L.name, from: L.from, to: L.to })),
    evaluate,
    training: { learningRate: lr, steps: D.steps, snapshots: D.snapshots },
    ...(D.shellWidth !== undefined ? { shellWidth: D.shellWidth } : {}),
  };
}

/**
 * The two-layer tanh net of src/models/network.ts (its data and initial weights, drawn from the
 * seed), trained by its float64 twin: the Mlp [d, m, 1] without output bias, whose Jacobian
 * equals TanhNet's (proofs-tests/cli-diagnose.test.ts). TanhNet's layout (a, W, b) is
 * reordered to the Mlp's (W, b, a).
 */
export function tanhTwin(spec: NetSpec): NetworkData {
  const F = new Fixed(20);
  const T = new TanhNet(F, spec);
  const num = (x: bigint): number => F.toNumber(x);
  const { m, d } = spec;
  const th = T.theta0.map(num);
  const theta0 = Float64Array.from([...th.slice(m, m + m * d), ...th.slice(m + m * d), ...th.slice(0, m)]);
  return {
    name: `tanh-2layer`,
    description: `two-layer tanh net of src/models/network.ts (n=${spec.n}, m=${m}, d=${d}, seed ${spec.seed}; random dyadic labels)`,
    spec: { widths: [d, m, 1], activation: 'tanh', skip: false, outputBias: false },
    theta0,
    X: T.X.map((r) => r.map(num)),
    y: T.y.map(num),
    learningRate: 'auto',
    steps: 1500,
    snapshots: 10,
  };
}

/** A smooth target on [-1, 1]^2 sampled at n seeded points. */
function smoothData(n: number, seed: number): { X: number[][]; y: number[] } {
  const rng = new Rng(seed);
  const X = Array.from({ length: n }, () => [2 * rng.next() - 1, 2 * rng.next() - 1]);
  const y = X.map(([a, b]) => Math.sin(3 * a!) * Math.cos(2 * b!) + 0.5 * a! * b!);
  return { X, y };
}

/** A deeper tanh net [2, 12, 12, 12, 1], with or without skip connections, on a smooth target. */
export function deepNet(skip: boolean): NetworkData {
  const spec: MlpSpec = { widths: [2, 12, 12, 12, 1], activation: 'tanh', skip };
  const { X, y } = smoothData(32, 7);
  return {
    name: skip ? 'resnet-tanh' : 'mlp-tanh',
    description: `tanh net [2, 12, 12, 12, 1] ${skip ? 'with skip connections h_l = h_(l-1) + tanh(W h_(l-1) + b)' : 'without skip connections'}, smooth target, n = 32`,
    spec,
    theta0: new Mlp(spec).init(3),
    X,
    y,
    learningRate: 'auto',
    steps: 1500,
    snapshots: 10,
  };
}

/** The larger built-in net: [2, 20, 20, 20, 1] with skips on 48 points (921 parameters, about 4 s of the run). */
export function wideNet(): NetworkData {
  const spec: MlpSpec = { widths: [2, 20, 20, 20, 1], activation: 'tanh', skip: true };
  const { X, y } = smoothData(48, 7);
  return {
    name: 'resnet-tanh-wide',
    description: 'tanh net [2, 20, 20, 20, 1] with skip connections, smooth target, n = 48',
    spec,
    theta0: new Mlp(spec).init(3),
    X,
    y,
    learningRate: 'auto',
    steps: 1500,
    snapshots: 10,
  };
}

export function builtinNetworks(): NetworkData[] {
  return [tanhTwin({ n: 24, m: 16, d: 2, seed: 1 }), deepNet(false), deepNet(true), wideNet()];
}

/* ------------------------------------------------------------------------------------------
 * The JSON input
 * ---------------------------------------------------------------------------------------- */

const LIMIT = { n: 256, p: 50_000, steps: 100_000, snapshots: 50 };

function fail(msg: string): never {
  throw new UsageError(`input: ${msg}`);
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function numArray(x: unknown, what: string, len?: number): number[] {
  if (!Array.isArray(x) || !x.every(isNum)) fail(`${what} must be an array of finite numbers`);
  if (len !== undefined && x.length !== len) fail(`${what} must have ${len} entries, has ${x.length}`);
  return x;
}

function intIn(x: unknown, what: string, lo: number, hi: number): number {
  if (!isNum(x) || !Number.isInteger(x) || x < lo || x > hi) fail(`${what} must be an integer in [${lo}, ${hi}]`);
  return x;
}

/** Parse and check the user's network (format in README.md, "Diagnostics"). */
export function networkFromJson(text: string, source = 'input'): NetworkData {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(`${source} is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('the top level must be an object');
  const o = raw as Record<string, unknown>;
  const widths = numArray(o['widths'], 'widths');
  if (widths.length < 2 || widths[widths.length - 1] !== 1 || widths.some((w) => !Number.isInteger(w) || w < 1)) fail('widths must be positive integers [input, hidden..., 1]');
  const activation = (o['activation'] ?? 'tanh') as Activation;
  if (!['tanh', 'relu', 'linear'].includes(activation)) fail(`activation must be "tanh", "relu" or "linear"`);
  const skip = o['skip'] ?? false;
  const outputBias = o['outputBias'] ?? true;
  if (typeof skip !== 'boolean' || typeof outputBias !== 'boolean') fail('skip and outputBias must be true or false');
  const spec: MlpSpec = { widths, activation, skip, outputBias };
  const net = new Mlp(spec);
  if (net.p > LIMIT.p) fail(`the network has ${net.p} parameters; at most ${LIMIT.p}`);
  if (!Array.isArray(o['inputs']) || o['inputs'].length === 0) fail('inputs must be a non-empty array of points');
  const X = (o['inputs'] as unknown[]).map((x, i) => numArray(x, `inputs[${i}]`, widths[0]));
  if (X.length > LIMIT.n) fail(`at most ${LIMIT.n} training points`);
  const y = numArray(o['targets'], 'targets', X.length);
  let theta0: Float64Array;
  if (o['layers'] !== undefined) {
    if (!Array.isArray(o['layers']) || o['layers'].length !== net.layers.length) fail(`layers must list ${net.layers.length} layers ({ "W": [[...]], "b": [...] })`);
    const flat: number[] = [];
    (o['layers'] as unknown[]).forEach((Lraw, l) => {
      const spec = Lraw as Record<string, unknown>;
      if (typeof spec !== 'object' || spec === null) fail(`layers[${l}] must be an object`);
      const W = spec['W'];
      if (!Array.isArray(W) || W.length !== widths[l + 1]) fail(`layers[${l}].W must have ${widths[l + 1]} rows`);
      (W as unknown[]).forEach((row, i) => flat.push(...numArray(row, `layers[${l}].W[${i}]`, widths[l]!)));
      const hasBias = l < net.layers.length - 1 || outputBias;
      if (hasBias) flat.push(...numArray(spec['b'] ?? new Array(widths[l + 1]).fill(0), `layers[${l}].b`, widths[l + 1]));
    });
    theta0 = Float64Array.from(flat);
  } else {
    const seed = intIn(o['seed'] ?? 1, 'seed', 0, 0x7fffffff);
    theta0 = net.init(seed);
  }
  const lrRaw = o['learningRate'] ?? 'auto';
  if (!(lrRaw === 'auto' || (isNum(lrRaw) && lrRaw > 0))) fail('learningRate must be a positive number or "auto"');
  const steps = intIn(o['steps'] ?? 1000, 'steps', 1, LIMIT.steps);
  const snapshots = intIn(o['snapshots'] ?? 10, 'snapshots', 2, LIMIT.snapshots);
  const h = o['shellWidth'];
  if (h !== undefined && !(isNum(h) && h > 0)) fail('shellWidth must be a positive number');
  const name = typeof o['name'] === 'string' && o['name'] !== '' ? o['name'] : 'user network';
  return {
    name,
    description: `user network ${JSON.stringify(widths)} ${activation}${skip ? ' with skip connections' : ''}, n = ${X.length}`,
    spec,
    theta0,
    X,
    y,
    learningRate: lrRaw as number | 'auto',
    steps,
    snapshots,
    ...(h !== undefined ? { shellWidth: h as number } : {}),
  };
}

/* ------------------------------------------------------------------------------------------
 * The command
 * ---------------------------------------------------------------------------------------- */

export interface NetworkReport {
  network: string;
  description: string;
  parameters: number;
  points: number;
  learningRate: number;
  steps: number;
  /** the loss 1/2 |e|^2 at the first and the last snapshot */
  loss: { start: number; end: number };
  results: DiagnosticResult[];
}

export function runDiagnostics(diagnostics: Diagnostic[], data: NetworkData[]): NetworkReport[] {
  return data.map((D) => {
    const net = mlpNetwork(D);
    let results: DiagnosticResult[];
    try {
      results = diagnostics.map((d) => d.measure(net));
    } catch (e) {
      throw new UsageError(`${D.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const snaps = traceOf(net).snapshots;
    const loss = { start: snaps[0]!.loss, end: snaps[snaps.length - 1]!.loss };
    return { network: D.name, description: D.description, parameters: net.p, points: net.n, learningRate: net.training.learningRate, steps: net.training.steps, loss, results };
  });
}

const num = (x: number): string => (Number.isFinite(x) ? (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(3) : x.toFixed(4)) : String(x));

export function renderDiagnostics(reports: NetworkReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`== ${r.network}: ${r.description}`);
    lines.push(`   ${r.parameters} parameters, ${r.points} points, gradient descent: learning rate ${num(r.learningRate)}, ${r.steps} steps, loss ${num(r.loss.start)} -> ${num(r.loss.end)}`);
    for (const d of r.results) {
      lines.push(`   ${d.id} [assumption] ${d.satisfied ? 'looks satisfied' : 'not satisfied'}`);
      const w = Math.max(...d.numbers.map((x) => x.name.length));
      for (const x of d.numbers) lines.push(`     ${x.name.padEnd(w)}  ${num(x.value).padStart(11)}  ${x.meaning}`);
      lines.push(`     reading: ${d.reading}`);
    }
    const all = r.results.every((d) => d.satisfied);
    lines.push(`   => ${all ? 'the shell dynamics of this network can renormalise (every measured hypothesis looks satisfied)' : 'the shell dynamics of this network are not shown to renormalise (see the readings above)'}`);
    lines.push('');
  }
  lines.push('Diagnostics measure hypotheses; they are not verdicts. Thresholds in the readings are heuristics.');
  return lines.join('\n');
}

export function diagnose(o: DiagnoseOptions, diagnostics: Diagnostic[]): string {
  if (diagnostics.length === 0) throw new UsageError('no diagnostics are registered');
  let data: NetworkData[];
  if (o.input) {
    let text: string;
    try {
      text = readFileSync(o.input, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read '${o.input}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    data = [networkFromJson(text, o.input)];
  } else data = builtinNetworks();
  const reports = runDiagnostics(diagnostics, data);
  return o.json ? JSON.stringify({ networks: reports }, null, 2) : renderDiagnostics(reports);
}
