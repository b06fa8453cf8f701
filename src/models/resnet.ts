import { Rng } from '../numeric/rng.js';

/**
 * A small fully connected network in float64 with optional skip connections, its residual on
 * n training points and its exact Jacobian (reverse mode, one backward pass per point).
 *
 *   h_0 = x;  h_l = s * h_(l-1) + phi(W_l h_(l-1) + b_l)   (l = 1..L hidden layers; s = 1 when
 *   the layer has a skip connection, which needs equal widths, else 0);  f = w^T h_L (+ c).
 *
 * theta is the concatenation over layers (hidden ones, then the output layer) of W_l (row-major,
 * out x in) and b_l (omitted for the output layer when outputBias is false).
 */
export type Activation = 'tanh' | 'relu' | 'linear';

export interface MlpSpec {
  /** [input dim, hidden widths ..., 1] */
  widths: number[];
  activation: Activation;
  /** skip connections on every hidden layer whose input and output widths agree */
  skip: boolean;
  /** an output bias c (default true) */
  outputBias?: boolean;
}

export interface LayerBlock {
  name: string;
  /** parameter index range [from, to) */
  from: number;
  to: number;
  /** whether this layer carries a skip connection */
  skip: boolean;
}

interface Layer extends LayerBlock {
  fanIn: number;
  fanOut: number;
  /** offset of W (fanOut x fanIn), then b (fanOut) when hasBias */
  hasBias: boolean;
  act: Activation;
}

function phi(a: Activation, z: number): number {
  return a === 'tanh' ? Math.tanh(z) : a === 'relu' ? Math.max(0, z) : z;
}

/** phi'(z) from z and phi(z) */
function dphi(a: Activation, z: number, y: number): number {
  return a === 'tanh' ? 1 - y * y : a === 'relu' ? (z > 0 ? 1 : 0) : 1;
}

export class Mlp {
  readonly layers: Layer[] = [];
  readonly p: number;

  constructor(readonly spec: MlpSpec) {
    const w = spec.widths;
    if (w.length < 2 || w[w.length - 1] !== 1 || w.some((k) => !Number.isInteger(k) || k < 1)) {
      throw new RangeError('widths must be positive integers [input, hidden..., 1]');
    }
    let off = 0;
    for (let l = 1; l < w.length; l++) {
      const output = l === w.length - 1;
      const fanIn = w[l - 1]!;
      const fanOut = w[l]!;
      const hasBias = !output || spec.outputBias !== false;
      const size = fanIn * fanOut + (hasBias ? fanOut : 0);
      const skip = !output && spec.skip && fanIn === fanOut;
      this.layers.push({ name: output ? 'output' : `hidden ${l}`, from: off, to: off + size, fanIn, fanOut, hasBias, act: output ? 'linear' : spec.activation, skip });
      off += size;
    }
    this.p = off;
  }

  /** Gaussian weights N(0, gain^2 / fan_in), zero biases, from a seeded generator. */
  init(seed: number, gain = 1): Float64Array {
    const rng = new Rng(seed);
    const theta = new Float64Array(this.p);
    for (const L of this.layers) {
      const sd = gain / Math.sqrt(L.fanIn);
      for (let i = 0; i < L.fanIn * L.fanOut; i++) theta[L.from + i] = sd * normal(rng);
    }
    return theta;
  }

  /** the forward pass at one input: pre-activations and activations per layer */
  private forward(theta: Float64Array, x: ArrayLike<number>): { hs: Float64Array[]; zs: Float64Array[] } {
    const hs: Float64Array[] = [Float64Array.from(x)];
    const zs: Float64Array[] = [];
    for (const L of this.layers) {
      const h = hs[hs.length - 1]!;
      const z = new Float64Array(L.fanOut);
      const bOff = L.from + L.fanIn * L.fanOut;
      for (let i = 0; i < L.fanOut; i++) {
        let s = L.hasBias ? theta[bOff + i]! : 0;
        const row = L.from + i * L.fanIn;
        for (let j = 0; j < L.fanIn; j++) s += theta[row + j]! * h[j]!;
        z[i] = s;
      }
      const out = z.map((v, i) => phi(L.act, v) + (L.skip ? h[i]! : 0));
      zs.push(z);
      hs.push(out);
    }
    return { hs, zs };
  }

  output(theta: Float64Array, x: ArrayLike<number>): number {
    const { hs } = this.forward(theta, x);
    return hs[hs.length - 1]![0]!;
  }

  /**
   * The gradient of f(x) in theta (one row of the Jacobian) and the backward signals
   * |df/dh_l| at every layer's input (h_0 = x, ..., h_L).
   */
  gradient(theta: Float64Array, x: ArrayLike<number>): { f: number; grad: Float64Array; signals: number[] } {
    const { hs, zs } = this.forward(theta, x);
    const grad = new Float64Array(this.p);
    const signals: number[] = new Array<number>(this.layers.length).fill(0);
    let g = Float64Array.of(1); // df/dh_l for the current layer's output
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const L = this.layers[l]!;
      const h = hs[l]!;
      const z = zs[l]!;
      const y = hs[l + 1]!;
      // through the activation (the skip part of y is h itself)
      const gz = g.map((gi, i) => gi * dphi(L.act, z[i]!, L.skip ? y[i]! - h[i]! : y[i]!));
      const bOff = L.from + L.fanIn * L.fanOut;
      const gh = L.skip ? Float64Array.from(g) : new Float64Array(L.fanIn);
      for (let i = 0; i < L.fanOut; i++) {
        const row = L.from + i * L.fanIn;
        const gzi = gz[i]!;
        if (L.hasBias) grad[bOff + i] = gzi;
        for (let j = 0; j < L.fanIn; j++) {
          grad[row + j] = gzi * h[j]!;
          gh[j]! += gzi * theta[row + j]!;
        }
      }
      g = gh;
      signals[l] = Math.sqrt(g.reduce((s, v) => s + v * v, 0));
    }
    return { f: hs[hs.length - 1]![0]!, grad, signals };
  }
}

/** A standard normal variate by Box–Muller from the seeded generator. */
export function normal(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}
