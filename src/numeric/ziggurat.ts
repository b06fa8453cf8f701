/**
 * Standard normal draws by the ziggurat method (Marsaglia & Tsang 2000, 128 layers) over the
 * seeded mulberry32 stream of rng.ts: for simulations that draw millions of Gaussians, where the
 * Box–Muller draws of float64.ts (a log, a square root and a sine or cosine each) dominate. About
 * 99% of draws cost one table look-up and a comparison; the rest are resolved exactly (wedges by
 * rejection under the density, the tail beyond r by Marsaglia's exponential method). One 32-bit
 * draw gives both the layer (its low 7 bits) and the signed position within it (the other 25):
 * disjoint bits, not the original's shared ones (the correlation Doornik found).
 */

/** the right end of the base layer, and the common area of the 128 layers */
const R = 3.442619855899;
const AREA = 9.91256303526217e-3;
/** the position's scale: a signed 25-bit integer */
const M1 = 16777216;

const KN = new Float64Array(128);
const WN = new Float64Array(128);
const FN = new Float64Array(128);
{
  let dn = R;
  let tn = dn;
  const q = AREA / Math.exp(-0.5 * dn * dn);
  KN[0] = (dn / q) * M1;
  KN[1] = 0;
  WN[0] = q / M1;
  WN[127] = dn / M1;
  FN[0] = 1;
  FN[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(AREA / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = (dn / tn) * M1;
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / M1;
  }
}

/** N(0, 1) draws from a 32-bit seed (the same seed, the same stream). */
export class ZigguratNormal {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** a signed 32-bit integer (mulberry32, as Rng) */
  private int32(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return t ^ (t >>> 14);
  }
  /** uniform on (0, 1] (logs of it are safe) */
  private uniform(): number {
    return ((this.int32() >>> 0) + 1) / 4294967296;
  }
  /** a draw outside the rectangles of layer iz, at position hz (about 1% of draws) */
  private slow(hz: number, iz: number): number {
    for (;;) {
      const x = hz * WN[iz]!;
      if (iz === 0) {
        // the tail beyond R: Marsaglia's exponential rejection
        let a: number;
        let b: number;
        do {
          a = -Math.log(this.uniform()) / R;
          b = -Math.log(this.uniform());
        } while (b + b < a * a);
        return hz > 0 ? R + a : -R - a;
      }
      // the wedge between layer iz and the density
      if (FN[iz]! + this.uniform() * (FN[iz - 1]! - FN[iz]!) < Math.exp(-0.5 * x * x)) return x;
      const t = this.int32();
      iz = t & 127;
      hz = t >> 7;
      if (Math.abs(hz) < KN[iz]!) return hz * WN[iz]!;
    }
  }
  next(): number {
    const t = this.int32();
    const iz = t & 127;
    const hz = t >> 7;
    return Math.abs(hz) < KN[iz]! ? hz * WN[iz]! : this.slow(hz, iz);
  }
  fill(out: Float64Array): Float64Array {
    let s = this.s;
    for (let i = 0; i < out.length; i++) {
      // the generator inlined (as int32): the fast path costs one draw and one comparison
      s = (s + 0x6d2b79f5) | 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      t ^= t >>> 14;
      const iz = t & 127;
      const hz = t >> 7;
      if (Math.abs(hz) < KN[iz]!) out[i] = hz * WN[iz]!;
      else {
        this.s = s;
        out[i] = this.slow(hz, iz);
        s = this.s;
      }
    }
    this.s = s;
    return out;
  }
}
