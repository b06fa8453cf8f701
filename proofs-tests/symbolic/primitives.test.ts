import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NULL_SHELL, offdiv, pairdiff, shellIndicator, type Grid, type ScalarOps } from '../../src/symbolic/primitives.js';

/** A free term algebra: results record which operation met which operands, in which order. */
type Term = string | { op: 'sub' | 'div'; a: Term; b: Term };
const free: ScalarOps<Term> = {
  sub: (a, b) => ({ op: 'sub', a, b }),
  div: (a, b) => ({ op: 'div', a, b }),
  zero: () => '0',
  one: () => '1',
  isExactZero: (a) => a === '0',
};

/** Exact integer arithmetic: an independent model in which differences can be checked by value. */
const ints: ScalarOps<number> = {
  sub: (a, b) => a - b,
  div: (a, b) => a / b,
  zero: () => 0,
  one: () => 1,
  isExactZero: (a) => a === 0,
};

describe('pairdiff', () => {
  it('G_ab = v_a - v_b, operands in that order', () => {
    const G = pairdiff(free, ['p', 'q', 'r']);
    expect(G).toHaveLength(3);
    expect(G[0]![2]).toEqual({ op: 'sub', a: 'p', b: 'r' });
    expect(G[2]![0]).toEqual({ op: 'sub', a: 'r', b: 'p' });
    expect(G[1]![1]).toEqual({ op: 'sub', a: 'q', b: 'q' });
  });

  it('is antisymmetric with a zero diagonal, and its sign orders the entries', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 0, maxLength: 6 }), (v) => {
        const G = pairdiff(ints, v);
        expect(G).toHaveLength(v.length);
        v.forEach((va, a) => {
          expect(G[a]).toHaveLength(v.length);
          v.forEach((vb, b) => {
            expect(G[a]![b]! + G[b]![a]!).toBe(0);
            expect(Math.sign(G[a]![b]!)).toBe(va > vb ? 1 : va < vb ? -1 : 0);
            // the row entry minus the column entry, by value
            expect(G[a]![b]! + vb).toBe(va);
          });
        });
      }),
      { seed: 101, numRuns: 60 },
    );
  });
});

describe('offdiv', () => {
  it('divides N_ab by D_ab off the diagonal, never D_ba', () => {
    const N: Grid<Term> = [['n11', 'n12'], ['n21', 'n22']];
    const D: Grid<Term> = [['d11', 'd12'], ['d21', 'd22']];
    expect(offdiv(free, N, D)).toEqual([
      ['0', { op: 'div', a: 'n12', b: 'd12' }],
      [{ op: 'div', a: 'n21', b: 'd21' }, '0'],
    ]);
  });

  it('masks exact zeros of N so that a vanishing gap is never divided by', () => {
    const N: Grid<Term> = [['n11', '0', 'n13'], ['0', 'n22', 'n23'], ['n31', 'n32', 'n33']];
    const D: Grid<Term> = [['0', '0', 'd13'], ['0', '0', 'd23'], ['d31', 'd32', '0']];
    const Q = offdiv(free, N, D);
    expect(Q[0]![1]).toBe('0');
    expect(Q[1]![0]).toBe('0');
    expect(Q[0]![2]).toEqual({ op: 'div', a: 'n13', b: 'd13' });
    expect(Q[2]![1]).toEqual({ op: 'div', a: 'n32', b: 'd32' });
    expect([Q[0]![0], Q[1]![1], Q[2]![2]]).toEqual(['0', '0', '0']);
  });

  it('inverts multiplication by the gap on integer grids', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((n) =>
          fc.tuple(
            fc.array(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
            fc.array(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
          ),
        ),
        ([X, D]) => {
          const N = X.map((r, a) => r.map((x, b) => x * D[a]![b]!));
          const Q = offdiv(ints, N, D);
          Q.forEach((r, a) => r.forEach((q, b) => expect(q).toBe(a === b ? 0 : X[a]![b]!)));
        },
      ),
      { seed: 102, numRuns: 60 },
    );
  });
});

describe('shellIndicator', () => {
  it('labels the null shell below every finite shell', () => {
    expect(NULL_SHELL).toBe(Number.NEGATIVE_INFINITY);
  });

  it('has one column per shell from the highest to the lowest, empty shells included', () => {
    // labels 2, 0, null, 2, -1: shells 2, 1, 0, -1 -> four columns, shell 1 empty
    expect(shellIndicator(ints, [2, 0, NULL_SHELL, 2, -1])).toEqual([
      [1, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 0],
      [1, 0, 0, 0],
      [0, 0, 0, 1],
    ]);
    expect(shellIndicator(free, [5])).toEqual([['1']]);
  });

  it('gives empty rows when every item is in the null shell, and nothing for no items', () => {
    expect(shellIndicator(ints, [NULL_SHELL, NULL_SHELL])).toEqual([[], []]);
    expect(shellIndicator(ints, [])).toEqual([]);
  });

  it('places every finite label in exactly one column, descending by shell', () => {
    const label = fc.oneof(fc.integer({ min: -6, max: 6 }), fc.constant(NULL_SHELL));
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 7 }), (labels) => {
        const S = shellIndicator(ints, labels);
        const finite = labels.filter(Number.isFinite);
        const width = finite.length === 0 ? 0 : finite.reduce((m, l) => Math.max(m, l)) - finite.reduce((m, l) => Math.min(m, l)) + 1;
        expect(S).toHaveLength(labels.length);
        const column = new Map<number, number>();
        labels.forEach((l, i) => {
          const row = S[i]!;
          expect(row).toHaveLength(width);
          const ones = row.flatMap((x, c) => (x === 1 ? [c] : []));
          expect(row.every((x) => x === 0 || x === 1)).toBe(true);
          if (!Number.isFinite(l)) return expect(ones).toEqual([]);
          expect(ones).toHaveLength(1);
          const c = ones[0]!;
          // the same shell always lands in the same column
          if (column.has(l)) expect(column.get(l)).toBe(c);
          column.set(l, c);
        });
        // higher shells to the left, one column per unit step of the label, the top shell first
        for (const [l, c] of column) for (const [m, d] of column) expect(d - c).toBe(l - m);
        if (width > 0) expect(column.get(Math.max(...finite))).toBe(0);
      }),
      { seed: 103, numRuns: 100 },
    );
  });
});
