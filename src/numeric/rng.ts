/**
 * A small seeded generator (mulberry32) for the entries of drawn instances: fast-check
 * draws the seed and the sizes, this expands them, so shrinking acts on few numbers and
 * every case replays exactly. Values are dyadic so that each instance is the same exact
 * mathematical object at every working precision.
 *
 * @example
 * ```ts
 * import { Fixed, Rng } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * const rng = new Rng(42); // the same seed, the same stream
 * const [k, den] = rng.dyadic(1, 3); // k / 8 with 0 < |k| <= 8
 * const x = F.ratio(k, den); // exact at every precision
 * ```
 */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** uniform in [0, 1), a multiple of 2^-32 */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** a dyadic rational k / 2^bits with |k| <= range * 2^bits, never zero */
  dyadic(range: number, bits: number): [number, number] {
    const den = 2 ** bits;
    let k = 0;
    while (k === 0) k = this.int(-range * den, range * den);
    return [k, den];
  }
}

/** murmur3's 32-bit finaliser: every input bit reaches every output bit. */
export function fmix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * One 32-bit seed from several integers, each folded in (an FNV-1a step) and mixed (fmix32):
 * distinct streams for neighbouring inputs (seed, configuration, index, ...).
 */
export function seedOf(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const v of parts) h = fmix32(Math.imul(h ^ (v >>> 0), 0x01000193));
  return h;
}
