/**
 * The exact models around the theory, as independent routes: small networks and their
 * Jacobians, spectral paths, diagonal and quadratic networks, LASSO and its state evolution,
 * diagonal linear networks and their DMFT, multi-index targets, characteristics of the
 * transport equation. Each module's own documentation says what it computes and how.
 */
export * from '../models/characteristic-quadrature.js';
export * from '../models/characteristics.js';
export * from '../models/designed-path.js';
export * from '../models/diagnet.js';
export * from '../models/dln-flow.js';
export * from '../models/dmft.js';
export * from '../models/lasso-se.js';
export * from '../models/lasso.js';
export * from '../models/linear-gd.js';
export * from '../models/min-potential.js';
export * from '../models/multiindex.js';
export * from '../models/network.js';
export * from '../models/path.js';
export * from '../models/quadnet.js';
export * from '../models/quadnet-train.js';
export * from '../models/quadnet-sampled.js';
export * from '../models/resnet.js';
export * from '../models/seed-noise.js';
export * from '../models/separable-gd.js';
export * from '../models/wishart-law.js';
export * from '../models/wishart-shells.js';
export * from '../models/dln-incremental.js';
export * from '../models/transport-compute.js';
export * from '../models/dmft-causal.js';
export * from '../models/linear-gd-quadrature.js';
export * from '../models/cascade-sim.js';
export * from '../models/nuclear-se.js';
export * from '../models/quadnet-threshold.js';
export * from '../models/known-corrections.js';
