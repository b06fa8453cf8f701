/**
 * Energy carried along the characteristics of a transport field in s = ln(lambda): each
 * carrier starts at s0 with weight w, moves by ds/dt = u(s, t) and loses energy at the rate
 * r(s). Integrated in ln t (second-order Runge–Kutta for s, trapezoids for the decay), so six
 * decades of time cost a few hundred steps; carriers that leave through the top (s >= sTop)
 * or have decayed below e^-60 are dropped from the active set.
 */
/** ds/dt = speed(s) clock(t): separable, so a step costs two speeds and one rate per carrier. */
export interface CarrierField {
  speed: (s: number) => number;
  clock: (t: number) => number;
  r: (s: number) => number;
  sTop: number;
}

/**
 * The remaining energy sum_i w_i e^(-int r) of carriers still in the spectrum at each of the
 * increasing times (the first must be > 0; the carriers sit still before it).
 */
export function carriedEnergy(field: CarrierField, s0: ArrayLike<number>, w: ArrayLike<number>, times: number[], stepsPerDecade = 40): number[] {
  const n = s0.length;
  const s = Float64Array.from(s0);
  const decay = new Float64Array(n);
  // the decay rate at each carrier's current position, reused as the next step's left end
  const rate = Float64Array.from(s, (x) => field.r(x));
  let active = Int32Array.from({ length: n }, (_, i) => i);
  let count = n;
  const out: number[] = [];
  let t = times[0]!;
  const total = (): number => {
    let e = 0;
    for (let j = 0; j < count; j++) {
      const i = active[j]!;
      e += w[i]! * Math.exp(-decay[i]!);
    }
    return e;
  };
  const h0 = Math.LN10 / stepsPerDecade;
  for (const target of times) {
    while (t < target * (1 - 1e-12)) {
      const h = Math.min(h0, Math.log(target / t));
      const t1 = t * Math.exp(h);
      const tm = t * Math.exp(h / 2);
      // ds/dln t = t clock(t) speed(s); midpoint rule
      const k0 = (h / 2) * t * field.clock(t);
      const km = h * tm * field.clock(tm);
      let kept = 0;
      for (let j = 0; j < count; j++) {
        const i = active[j]!;
        const si = s[i]!;
        const s1 = si + km * field.speed(si + k0 * field.speed(si));
        if (!(s1 < field.sTop)) continue;
        const r1 = field.r(s1);
        decay[i] = decay[i]! + (h / 2) * (t * rate[i]! + t1 * r1);
        rate[i] = r1;
        s[i] = s1;
        if (decay[i]! < 60) active[kept++] = i;
      }
      count = kept;
      t = t1;
    }
    out.push(total());
  }
  active = active.subarray(0, count);
  return out;
}
