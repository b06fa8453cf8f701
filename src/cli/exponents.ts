/** `scalecheck exponents MODEL --param value ...`: the model's scaling laws, as formulas and values. */
import { evaluateLaws, LawError, nest, type LawModel, type LawResult } from '../core/laws.js';
import { UsageError } from './args.js';

export interface ExponentsOptions {
  model?: string;
  params: Record<string, number>;
  format: 'text' | 'latex' | 'json';
  plot?: string;
  /** --list: the models and their parameters */
  list: boolean;
  /** model files and directories (--models), in order */
  models: string[];
  /** --catalogue / --no-catalogue: the built-in models; unset: only without --models */
  catalogue?: boolean;
}

export function parseExponents(argv: string[]): ExponentsOptions {
  // no prototype: --__proto__ or --constructor are parameters like any other (and unknown ones)
  const o: ExponentsOptions = { params: Object.create(null) as Record<string, number>, format: 'text', list: false, models: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      if (o.model !== undefined) throw new UsageError(`exponents takes one model, got '${o.model}' and '${a}'`);
      o.model = a;
      continue;
    }
    const [flag, inline] = a.includes('=') ? [a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a.slice(2), undefined];
    if (flag === 'latex' || flag === 'json' || flag === 'list' || flag === 'catalogue' || flag === 'no-catalogue') {
      if (inline !== undefined) throw new UsageError(`--${flag} takes no value`);
      if (flag === 'list') o.list = true;
      else if (flag === 'latex' || flag === 'json') o.format = flag;
      else o.catalogue = flag === 'catalogue';
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined || raw === '' || (raw.startsWith('--') && inline === undefined)) throw new UsageError(`--${flag} needs a value`);
    if (flag === 'plot') {
      o.plot = raw;
      continue;
    }
    if (flag === 'models') {
      o.models.push(raw);
      continue;
    }
    if (!/^[a-zA-Z]\w*$/.test(flag)) throw new UsageError(`unknown option '${a}'`);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw.trim())) throw new UsageError(`--${flag} must be a number, got '${raw}'`);
    const v = Number(raw);
    if (!Number.isFinite(v)) throw new UsageError(`--${flag} must be a finite number, got '${raw}'`);
    if (Object.hasOwn(o.params, flag)) throw new UsageError(`--${flag} given twice`);
    o.params[flag] = v;
  }
  if (o.list && (o.model !== undefined || Object.keys(o.params).length > 0 || o.plot !== undefined)) throw new UsageError('--list takes no model, parameters or --plot');
  return o;
}

/** Whether the built-in models are in the set: as asked, else only without model files. */
export function builtInModelsOn(o: ExponentsOptions): boolean {
  return o.catalogue ?? o.models.length === 0;
}

export function modelList(models: LawModel[]): string {
  return models
    .map((m) => `${m.name.padEnd(12)} ${m.description}\n${' '.repeat(13)}parameters: ${m.params.map((p) => `--${p.name} (${p.meaning})`).join(', ')}`)
    .join('\n');
}

/** Evaluate, or turn the model's refusal into a usage error (one line, exit 2). */
export function lawsFor(models: LawModel[], o: ExponentsOptions): { model: LawModel; result: LawResult } {
  if (o.model === undefined) throw new UsageError(`exponents needs a model: ${models.map((m) => m.name).join(', ')}`);
  const model = models.find((m) => m.name === o.model);
  if (!model) throw new UsageError(`unknown model '${o.model}' (models: ${models.map((m) => m.name).join(', ')})`);
  try {
    return { model, result: evaluateLaws(model, o.params) };
  } catch (e) {
    if (e instanceof LawError) throw new UsageError(e.message);
    throw e;
  }
}

const fmt = (x: number): string => Number(x.toPrecision(6)).toString();

export function renderLaws(model: LawModel, r: LawResult, format: ExponentsOptions['format']): string {
  if (format === 'json') {
    const { model: name, params, regime, exponents, formulas, latex } = r;
    return JSON.stringify({ model: name, params, regime, exponents: nest(exponents), formulas: nest(formulas), latex: nest(latex) }, null, 2);
  }
  const params = Object.entries(r.params).map(([k, v]) => `${k} = ${fmt(v)}`).join(', ');
  if (format === 'latex') {
    const rows = model.keys.map(({ key }) => `  \\text{${key}} &= ${r.latex[key]} = ${fmt(r.exponents[key]!)} \\\\`);
    return [`% ${model.name} (${model.source}), ${params}; regime: ${r.regime}`, '\\begin{aligned}', ...rows, '\\end{aligned}'].join('\n');
  }
  const width = Math.max(...model.keys.map((k) => k.key.length));
  const lines = [`model ${model.name}: ${model.description}`, `source: ${model.source}`, `parameters: ${params}`, `regime: ${r.regime}: ${r.regimeDescription}`, ''];
  for (const { key, meaning } of model.keys) lines.push(`${key.padEnd(width)} = ${r.formulas[key]} = ${fmt(r.exponents[key]!)}    (${meaning})`);
  return lines.join('\n');
}
