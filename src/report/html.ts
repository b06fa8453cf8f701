/**
 * `verify --html FILE`: the report as one self-contained page. Statements are typeset with
 * KaTeX on this side (its stylesheet inlined, fonts as data: URIs); plots are inline SVG from
 * Vega-Lite; the page runs no script and loads nothing from the network.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { renderToString } from 'katex';
import type { ClaimEntry, Report } from '../cli/report.js';
import { claimOk, floorText, resolutionCell, shownResolution, targetFor } from '../cli/report.js';
import { holdsVerdicts, type Verdict } from '../core/verdict.js';
import { figurePlots, renderSvg, residualPlot, type LayerPlot } from './plots.js';

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

let katexCss: string | undefined;

/** KaTeX's stylesheet with every font inlined (woff2 only: what every current browser reads). */
export function inlineKatexCss(): string {
  if (katexCss !== undefined) return katexCss;
  const require = createRequire(import.meta.url);
  const cssPath = require.resolve('katex/dist/katex.min.css');
  const fontDir = cssPath.replace(/katex\.min\.css$/, 'fonts/');
  const css = readFileSync(cssPath, 'utf8').replace(/src:url\(fonts\/([\w-]+)\.woff2\)[^;}]*/g, (_, name: string) => {
    const data = readFileSync(`${fontDir}${name}.woff2`).toString('base64');
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
  // a KaTeX release that names its fonts otherwise must not leave the page fetching them
  if (/url\((?!data:)/.test(css)) throw new Error('katex.min.css refers to a file this report cannot inline');
  katexCss = css;
  return css;
}

/**
 * A statement typeset for display. One KaTeX cannot parse (an undefined macro included, which
 * KaTeX would otherwise just print in red) shows as its source, marked .katex-error as KaTeX does.
 */
export function typeset(tex: string): string {
  try {
    return renderToString(tex, { displayMode: true, throwOnError: true, strict: 'ignore', output: 'htmlAndMathml' });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return `<span class="katex-error" title="${esc(why)}" style="color:#cc0000">${esc(tex)}</span>`;
  }
}

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px; padding: 1.5em; color: #222; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.2em; margin: 0 0 .3em; }
table.summary { border-collapse: collapse; width: 100%; font-size: 13px; }
table.summary th, table.summary td { border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left; white-space: nowrap; }
table.summary td.num { text-align: right; font-variant-numeric: tabular-nums; }
.verdict { display: inline-block; padding: 0 .5em; border-radius: 3px; font-weight: 600; font-size: 12px; }
.verdict.good { background: #d8f0d8; color: #155715; }
.verdict.bad { background: #f6d5d5; color: #8a1111; }
.verdict.open { background: #f3ead0; color: #6b5200; }
section.claim { border-top: 2px solid #ccc; margin-top: 2em; padding-top: .8em; }
.meta { color: #555; font-size: 13px; }
.statement { overflow-x: auto; padding: .2em 0; }
.katex-display { margin: .6em 0; }
ul.variants { margin: .3em 0; padding-left: 1.2em; }
code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
pre { background: #f5f5f5; padding: .4em .6em; white-space: pre-wrap; word-break: break-all; }
.plots { display: flex; flex-wrap: wrap; gap: 1em; margin-top: .6em; }
.plot { border: 1px solid #e3e3e3; padding: 4px; background: white; }
.plot svg { display: block; max-width: 100%; height: auto; }
.ok { color: #155715; } .failed { color: #8a1111; }
`;

function verdictClass(v: Verdict, variant: boolean): string {
  if (variant) return v === 'refuted' ? 'good' : 'bad';
  if (holdsVerdicts.has(v)) return 'good';
  return v === 'refuted' || v === 'conflict' ? 'bad' : 'open';
}

const badge = (v: Verdict, variant = false): string => `<span class="verdict ${verdictClass(v, variant)}">${esc(v)}</span>`;

const anchor = (id: string): string => `claim-${id.replace(/[^\w-]/g, '_')}`;

function levelCell(c: ClaimEntry, l: number | undefined): string {
  if (l === undefined) return 'n/a';
  return `${esc(c.maxResidualByLevel[String(l)] ?? 'n/a')} @${l}${c.axis === 'digits' ? 'd' : ''}`;
}

/** What set a resolution, as the page says it (a report from elsewhere may hold anything). */
const SOURCE: Partial<Record<string, string>> = { convergence: 'set by the convergence', stated: "set by the measurement's stated uncertainty", floor: 'set by the floor' };

function summaryTable(report: Report): string {
  const rows = report.claims.map((c) => {
    const refuted = c.variants.filter((v) => v.verdict === 'refuted').length;
    return `<tr><td><a href="#${anchor(c.id)}">${esc(c.id)}</a></td><td>${esc(c.kind)}</td><td>${badge(c.verdict)}</td><td class="num">${c.runs}</td><td class="num">${c.degenerate}</td><td>${levelCell(c, c.levels[0])}</td><td>${levelCell(c, c.levels[c.levels.length - 1])}</td><td class="num">${esc(resolutionCell(c))}</td><td>${esc(c.symbolic)}</td><td class="${refuted === c.variants.length ? 'ok' : 'failed'}">${refuted}/${c.variants.length} refuted</td><td class="num">${(c.durationMs / 1000).toFixed(1)}s</td></tr>`;
  });
  return `<table class="summary"><thead><tr><th>claim</th><th>kind</th><th>verdict</th><th>cases</th><th>degen</th><th>residual: first level</th><th>last level</th><th>resolution (target)</th><th>symbolic</th><th>variants</th><th>time</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function mutantsBlock(report: Report): string {
  const m = report.mutants;
  if (!m) return '';
  const rows = Object.entries(m.byGroup).map(([g, x]) => `<tr><td>${esc(g)}</td><td class="num">${x.refuted}/${x.total}</td><td class="num">${x.equivalent}</td><td class="num">${x.invalid}</td><td class="num">${x.survived}</td></tr>`);
  const survivors = m.survived.map((x) => `<li><code>${esc(x.claim)} ${esc(x.site)}</code>: ${esc(x.mutation)}${x.note ? ` (${esc(x.note)})` : ''}</li>`);
  return `<h2>Automatic mutants</h2><table class="summary"><thead><tr><th>group</th><th>refuted</th><th>equivalent</th><th>ill-formed</th><th>survived</th></tr></thead><tbody>${rows.join('')}</tbody></table>${survivors.length ? `<ul>${survivors.join('')}</ul>` : ''}`;
}

/** The plots of one claim: its residuals, then its figure's. */
export function claimPlots(c: ClaimEntry): LayerPlot[] {
  const res = residualPlot(c);
  return [...(res ? [res] : []), ...(c.figure ? figurePlots(c.figure) : [])];
}

async function claimSection(c: ClaimEntry): Promise<string> {
  const svgs = await Promise.all(claimPlots(c).map((p) => renderSvg(p)));
  const variants = c.variants.map(
    (v) => `<li>${badge(v.verdict, true)} ${esc(v.name)}${v.counterexample ? ` <span class="meta">refuting case ${esc(JSON.stringify(v.counterexample.params))}</span>` : ''}</li>`,
  );
  const ce = c.counterexample
    ? `<p class="failed">Counterexample: <code>${esc(JSON.stringify(c.counterexample.params))}</code>, residuals <code>${esc(JSON.stringify(c.counterexample.residuals))}</code>${c.counterexample.equation ? ` (equation ${esc(c.counterexample.equation)})` : ''}</p><pre>${esc(c.counterexample.replay)}</pre>`
    : '';
  const notes = (c.notes ?? []).map((n) => `<li>${esc(n)}</li>`);
  const resolution = Object.entries(c.resolution ?? {}).map(([eq, r]) => `${esc(eq)} ${shownResolution(r)} (target ${esc(targetFor(c, eq))}${c.resolutionSource?.[eq] ? `; ${SOURCE[c.resolutionSource[eq]] ?? ''}` : ''})`).join(', ');
  const floor = c.floor ? `; floor ${esc(floorText(c.floor))}: ${esc(c.floor.why)}` : '';
  const levels = c.axis === 'digits' ? `working digits ${c.levels.join(', ')}` : `${esc(c.levelLabel ?? 'range level')}: levels ${c.levels.join(', ')}; resolution (each formula off by more is refuted): ${resolution || 'n/a'}${floor}`;
  return `<section class="claim${claimOk(c) ? '' : ' not-ok'}" id="${anchor(c.id)}">
<h2>${esc(c.id)} ${badge(c.verdict)}</h2>
<div class="meta">${esc(c.kind)} claim, group ${esc(c.group)}, source ${esc(c.source)}; ${c.runs} drawn case(s), ${c.degenerate} degenerate; ${levels}; symbolic: ${esc(c.symbolic)}; ${(c.durationMs / 1000).toFixed(1)}s</div>
<div class="statement">${typeset(c.statement)}</div>
${ce}${notes.length ? `<ul class="notes meta">${notes.join('')}</ul>` : ''}
<div>Wrong variants (each must be refuted):</div>
<ul class="variants">${variants.join('') || '<li>none</li>'}</ul>
<div class="plots">${svgs.map((s) => `<div class="plot">${s}</div>`).join('')}</div>
</section>`;
}

/** The whole report as one HTML document. */
export async function renderHtml(report: Report, title = 'scalecheck report'): Promise<string> {
  const s = report.summary;
  const sections: string[] = [];
  // one claim at a time: vega views are cheap, but the SVG strings of a whole catalogue add up
  for (const c of report.claims) sections.push(await claimSection(c));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${inlineKatexCss()}</style>
<style>${STYLE}</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="${s.ok ? 'ok' : 'failed'}"><strong>${s.holding}/${s.claims} claims hold, ${s.refutedVariants}/${s.variants} wrong variants refuted: ${report.partial ? 'PARTIAL (the run was interrupted; only the claims below finished)' : s.ok ? 'OK' : 'FAILED'}</strong></p>
<p class="meta">seed ${report.seed}; working digits ${report.digits.join(' and ')} (identities and limits); scaling claims over their own range levels.</p>
${summaryTable(report)}
${mutantsBlock(report)}
${sections.join('\n')}
</body>
</html>
`;
}
