/**
 * grsd.renormalizable-shells (a measured assumption): its reading on shell traces whose answer is
 * known (a nearest-neighbour transfer law, an all-to-all one), and `scalecheck diagnose --json`
 * on the built-in networks reporting it with finite numbers.
 */
import { describe, expect, it } from 'vitest';
import { grsdDiagnostics, renormalizableResult, renormalizableShells } from '../../derivations/grsd.js';
import { claims } from '../../derivations/index.js';
import { measureShellFlux } from '../../src/core/shell-flux.js';
import { main } from '../../src/cli/main.js';
import { Rng } from '../../src/numeric/rng.js';
import { localLaw, shellTrace, uniformLaw } from '../soundness/shell-trace.js';

const H = Math.log(4);
const value = (r: { numbers: { name: string; value: number }[] }, name: string): number => r.numbers.find((x) => x.name === name)!.value;

describe('grsd.renormalizable-shells on traces with a known transfer law', () => {
  it('nearest-neighbour transfer: all weight at |a - b| = 1, the local closure predicts, looks satisfied', () => {
    const r = renormalizableResult(measureShellFlux(shellTrace(localLaw(0.4, 1.5), -3, 7, H, 11), H), 'local law');
    expect(value(r, 'transfer.share.1')).toBe(1);
    expect(value(r, 'transfer.share.2')).toBe(0);
    expect(value(r, 'flux.error.local')).toBeLessThan(1e-9);
    expect(value(r, 'flux.error.none')).toBeGreaterThan(0.05);
    expect(value(r, 'flux.error.uniform')).toBeGreaterThan(0.05);
    expect(r.satisfied).toBe(true);
    expect(r.reading).toMatch(/carried by neighbouring shells.*the local flux closure .* predicts .*locality suffices/);
  });

  it('all-to-all transfer: weight spread over distances, the local closure does not predict, not satisfied', () => {
    const r = renormalizableResult(measureShellFlux(shellTrace(uniformLaw(0.4, 1.5), -3, 7, H, 11), H), 'uniform law');
    expect(value(r, 'transfer.share.1')).toBeLessThan(0.5);
    expect(value(r, 'flux.error.uniform')).toBeLessThan(1e-9);
    expect(value(r, 'flux.error.local')).toBeGreaterThan(0.5 * value(r, 'flux.error.none'));
    expect(r.satisfied).toBe(false);
    expect(r.reading).toMatch(/not concentrated on neighbouring shells.*does not predict.*locality does not suffice/);
  });

  it('neighbour transfers of random sign and size: local, but no closure predicts them, so locality is not judged', () => {
    const rng = new Rng(5);
    const states = shellTrace(localLaw(0.4, 1.5), -3, 7, H, 11).map((s) => {
      // the same scale as the law's transfers, with no dependence on the energies left
      const size = Math.max(...s.T.flat().map(Math.abs));
      const T = s.T.map((r) => r.map(() => 0));
      for (let a = 0; a + 1 < T.length; a++) {
        const x = size * (2 * rng.next() - 1);
        T[a + 1]![a] = x;
        T[a]![a + 1] = -x;
      }
      return { ...s, T };
    });
    const r = renormalizableResult(measureShellFlux(states, H), 'random neighbours');
    expect(value(r, 'transfer.share.1')).toBe(1);
    expect(value(r, 'flux.error.local')).toBeGreaterThan(0.8 * value(r, 'flux.error.none'));
    expect(r.satisfied).toBe(false);
    expect(r.reading).toMatch(/carried by neighbouring shells.*does not predict.*no closure linear in the shell energies beats no transfer/);
  });

  it('is registered with the grsd assumptions, with its source and a statement', () => {
    expect(grsdDiagnostics).toContain(renormalizableShells);
    expect(renormalizableShells.kind).toBe('assumption');
    expect(renormalizableShells.source).toBe('arXiv:2512.10427');
    expect(renormalizableShells.statement).toContain('F_{a+\\frac12}');
  });
});

describe('scalecheck diagnose with grsd.renormalizable-shells', () => {
  it('--json reports it on every built-in network, with finite numbers', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['diagnose', '--json'], { claims, diagnostics: grsdDiagnostics }, { out: (s) => out.push(s), err: (s) => err.push(s) });
    expect(code).toBe(0);
    expect(err).toEqual([]);
    const json = JSON.parse(out.join('\n')) as { networks: { network: string; parameters: number; results: { id: string; numbers: { name: string; value: number }[]; reading: string }[] }[] };
    expect(json.networks.map((n) => n.network)).toEqual(['tanh-2layer', 'mlp-tanh', 'resnet-tanh', 'resnet-tanh-wide']);
    for (const n of json.networks) {
      const r = n.results.find((x) => x.id === 'grsd.renormalizable-shells')!;
      expect(r, n.network).toBeDefined();
      expect(r.numbers.map((x) => x.name)).toContain('flux.error.local');
      for (const x of r.numbers) expect(Number.isFinite(x.value), `${n.network} ${x.name}`).toBe(true);
      for (const k of [1, 2, 3]) {
        expect(value(r, `transfer.share.${k}`)).toBeGreaterThanOrEqual(0);
        expect(value(r, `transfer.share.${k}`)).toBeLessThanOrEqual(1);
      }
      expect(r.reading.length).toBeGreaterThan(10);
    }
    // the larger built-in network is larger
    expect(json.networks[3]!.parameters).toBeGreaterThan(json.networks[2]!.parameters);
  });
});
