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
  // the active carriers are compacted in place (order kept): no index indirection in the hot loop
  const s = Float64Array.from(s0);
  const weight = Float64Array.from(w);
  const decay = new Float64Array(s.length);
  // the decay rate at each carrier's current position, reused as the next step's left end
  const rate = Float64Array.from(s, (x) => field.r(x));
  let count = s.length;
  const out: number[] = [];
  let t = times[0]!;
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
        const sj = s[j]!;
        const s1 = sj + km * field.speed(sj + k0 * field.speed(sj));
        if (!(s1 < field.sTop)) continue;
        const r1 = field.r(s1);
        const dj = decay[j]! + (h / 2) * (t * rate[j]! + t1 * r1);
        if (!(dj < 60)) continue;
        s[kept] = s1;
        decay[kept] = dj;
        rate[kept] = r1;
        weight[kept] = weight[j]!;
        kept++;
      }
      count = kept;
      t = t1;
    }
    let e = 0;
    for (let j = 0; j < count; j++) e += weight[j]! * Math.exp(-decay[j]!);
    out.push(e);
  }
  return out;
}
