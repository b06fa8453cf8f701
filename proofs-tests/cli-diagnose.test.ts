import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc } from '@fast-check/vitest';
import { main } from '../src/cli/main.js';
import { claims } from '../derivations/index.js';
import { grsdDiagnostics, toeplitzCouplings } from '../derivations/grsd.js';
import { mlpNetwork, networkFromJson, tanhTwin, type NetworkData } from '../src/cli/diagnose.js';
import { UsageError } from '../src/cli/args.js';
import type { DiagnosticNetwork } from '../src/core/diagnostic.js';
import { Mlp } from '../src/models/resnet.js';
import { TanhNet } from '../src/models/network.js';
import { Fixed } from '../src/numeric/fixed.js';
import { Rng } from '../src/numeric/rng.js';

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { claims, diagnostics: grsdDiagnostics }, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

const small = {
  name: 'tiny',
  widths: [1, 6, 6, 1],
  activation: 'tanh',
  skip: true,
  seed: 4,
  inputs: [[-1], [-0.6], [-0.2], [0.2], [0.6], [1], [0], [0.4]],
  targets: [0.1, 0.5, -0.3, 0.2, 0.9, -0.4, 0, 0.3],
  learningRate: 'auto',
  steps: 200,
  snapshots: 5,
};

function file(content: string): string {
  const p = join(mkdtempSync(join(tmpdir(), 'scalecheck-diag-')), 'net.json');
  writeFileSync(p, content);
  return p;
}

describe('the network model with skip connections (src/models/resnet.ts)', () => {
  it('its exact Jacobian agrees with central differences, with and without skips, for every activation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.boolean(), fc.constantFrom('tanh' as const, 'linear' as const), (seed, skip, activation) => {
        const net = new Mlp({ widths: [3, 4, 4, 4, 1], activation, skip });
        const theta = net.init(seed, 1.5);
        const rng = new Rng(seed + 1);
        for (let i = 0; i < theta.length; i++) theta[i]! += 0.1 * (rng.next() - 0.5); // nonzero biases too
        const x = [0.3, -0.7, 0.5];
        const { grad } = net.gradient(theta, x);
        const h = 1e-5;
        for (let i = 0; i < net.p; i++) {
          const tp = Float64Array.from(theta);
          const tm = Float64Array.from(theta);
          tp[i]! += h;
          tm[i]! -= h;
          const fd = (net.output(tp, x) - net.output(tm, x)) / (2 * h);
          expect(Math.abs(fd - grad[i]!)).toBeLessThan(1e-7 * (1 + Math.abs(fd)));
        }
      }),
      { numRuns: 20, seed: 1 },
    );
  });

  it('the two-layer twin reproduces the Jacobian of the tanh net of src/models/network.ts', () => {
    const spec = { n: 5, m: 4, d: 3, seed: 9 };
    const D = tanhTwin(spec);
    const twin = mlpNetwork({ ...D, learningRate: 0.1 });
    const F = new Fixed(20);
    const T = new TanhNet(F, spec);
    const Jt = T.jacobian(T.theta0).map((r) => r.map((x) => F.toNumber(x)));
    const et = T.residual(T.theta0).map((x) => F.toNumber(x));
    const { e, J } = twin.evaluate(D.theta0);
    const { m, d } = spec;
    // TanhNet's layout (a, W, b) against the twin's (W, b, a)
    const perm = [...Array.from({ length: m * d }, (_, i) => m + i), ...Array.from({ length: m }, (_, i) => m + m * d + i), ...Array.from({ length: m }, (_, i) => i)];
    J.forEach((row, mu) => row.forEach((x, i) => expect(Math.abs(x - Jt[mu]![perm[i]!]!)).toBeLessThan(1e-14)));
    e.forEach((x, mu) => expect(Math.abs(x - et[mu]!)).toBeLessThan(1e-14));
  });
});

describe('diagnostics', () => {
  it('are invariant under M -> kappa M, t -> t / kappa with kappa = e^h (the shells shift by one)', () => {
    const D = networkFromJson(JSON.stringify(small));
    const base = mlpNetwork({ ...D, learningRate: 0.05 });
    // theta' = theta / 2, f'(theta') = f(2 theta'): J' = 2 J, M' = 4 M = e^(ln 4) M; the step lr / 4 gives the same path
    const scaled: DiagnosticNetwork = {
      ...base,
      name: 'scaled',
      theta0: base.theta0.map((x) => x / 2),
      evaluate: (th) => {
        const r = base.evaluate(th.map((x) => 2 * x));
        return { e: r.e, J: r.J.map((row) => row.map((x) => 2 * x)) };
      },
      training: { ...base.training, learningRate: base.training.learningRate / 4 },
    };
    for (const diag of grsdDiagnostics) {
      const a = diag.measure(base);
      const b = diag.measure(scaled);
      a.numbers.forEach((x, i) => expect(b.numbers[i]!.value, `${diag.id} ${x.name}`).toBeCloseTo(x.value, 5));
    }
  });

  it('report the measured numbers with a reading, and Toeplitz distances within [0, 1]', () => {
    const D = networkFromJson(JSON.stringify(small));
    const r = toeplitzCouplings.measure(mlpNetwork(D));
    expect(r.numbers.map((x) => x.name)).toContain('toeplitz.ratio');
    for (const v of r.series.values['distance']!) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(r.reading.length).toBeGreaterThan(10);
  });
});

describe('scalecheck diagnose', () => {
  it('runs on a user network from a JSON file and prints JSON', async () => {
    const r = await run(['diagnose', '--input', file(JSON.stringify(small)), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out.join('\n')) as { networks: { network: string; results: { id: string; numbers: { name: string; value: number }[] }[] }[] };
    expect(out.networks).toHaveLength(1);
    expect(out.networks[0]!.results.map((x) => x.id)).toEqual(['grsd.toeplitz-couplings', 'grsd.conditions', 'grsd.renormalizable-shells']);
    for (const res of out.networks[0]!.results) for (const n of res.numbers) expect(typeof n.value === 'number' || n.value === null).toBe(true);
  });

  it('accepts explicit weights layer by layer', () => {
    const D = networkFromJson(
      JSON.stringify({
        widths: [2, 2, 1],
        layers: [
          { W: [[1, 0], [0, 1]], b: [0.1, -0.1] },
          { W: [[0.5, -0.5]], b: [0] },
        ],
        inputs: [[0, 1], [1, 0], [1, 1]],
        targets: [1, 0, 0.5],
        learningRate: 0.1,
        steps: 10,
      }),
    );
    expect(Array.from(D.theta0)).toEqual([1, 0, 0, 1, 0.1, -0.1, 0.5, -0.5, 0]);
    const net = mlpNetwork(D);
    const { e } = net.evaluate(D.theta0);
    expect(e[0]).toBeCloseTo(0.5 * Math.tanh(0.1) - 0.5 * Math.tanh(0.9) - 1, 12);
  });

  it.each([
    ['not json', /not valid JSON/],
    [JSON.stringify({ ...small, widths: [1, 6, 2] }), /widths/],
    [JSON.stringify({ ...small, targets: [1, 2] }), /targets must have 8 entries/],
    [JSON.stringify({ ...small, inputs: [[1, 2]] }), /inputs\[0\] must have 1 entries/],
    [JSON.stringify({ ...small, activation: 'gelu' }), /activation/],
    [JSON.stringify({ ...small, learningRate: -1 }), /learningRate/],
    [JSON.stringify({ ...small, steps: 0 }), /steps/],
    [JSON.stringify({ ...small, layers: [{ W: [[1]] }] }), /layers must list 3 layers/],
  ])('bad input %#: one line, exit 2', async (content, msg) => {
    const r = await run(['diagnose', '--input', file(content)]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(msg);
  });

  it('rejects unknown options and missing files', async () => {
    expect((await run(['diagnose', '--frob'])).code).toBe(2);
    expect((await run(['diagnose', '--input'])).code).toBe(2);
    expect((await run(['diagnose', '--input', '/nonexistent/x.json'])).err[0]).toMatch(/cannot read/);
    expect(() => networkFromJson('[]')).toThrow(UsageError);
  });

  it('lists the assumptions beside the claims', async () => {
    const r = await run(['list']);
    expect(r.out.filter((l) => l.includes('\tassumption\t')).map((l) => l.split('\t')[0])).toEqual(['grsd.toeplitz-couplings', 'grsd.conditions', 'grsd.renormalizable-shells']);
  });

  it('builds the built-in networks: the tanh net of network.ts, a deep net with and without skips, a wider one with skips', async () => {
    const { builtinNetworks } = await import('../src/cli/diagnose.js');
    const nets: NetworkData[] = builtinNetworks();
    expect(nets.map((n) => n.name)).toEqual(['tanh-2layer', 'mlp-tanh', 'resnet-tanh', 'resnet-tanh-wide']);
    expect(nets[1]!.spec.skip).toBe(false);
    expect(nets[2]!.spec.skip).toBe(true);
    expect(nets[3]!.spec.skip).toBe(true);
  });
});
