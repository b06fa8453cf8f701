/**
 * The HTML report in a real browser: Debian's chromium, driven headless by playwright-core.
 * The page must load with no console error and no request beyond itself, typeset every
 * statement with KaTeX (its inlined fonts loaded), and draw every plot. A screenshot goes to
 * reports/report.png. Where chromium cannot be installed the test is skipped, saying why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { main } from '../../src/cli/main.js';
import { summarise, type Report } from '../../src/cli/report.js';
import { claimPlots, renderHtml } from '../../src/report/html.js';
import { claims } from '../../derivations/index.js';
import { syntheticEntries } from './fixtures.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = '/usr/bin/chromium';

/** Install chromium if missing (apt-get, as root or through sudo -n); the reason when it cannot be. */
function ensureChromium(): string | undefined {
  const r = spawnSync('bash', [join(root, 'scripts/ensure-chromium.sh')], { encoding: 'utf8', timeout: 15 * 60_000 });
  if (r.status === 0) return undefined;
  return (r.stderr || r.stdout || r.error?.message || `ensure-chromium.sh exited ${r.status}`).trim();
}

// decided before the tests are collected, so that a skip is a visible skip
const unavailable = ensureChromium();
if (unavailable) console.warn(`report/browser.test.ts SKIPPED: chromium unavailable: ${unavailable}`);

/** fast claims (a few seconds at 3 cases), one of them a scaling claim with a log-log figure */
const FAST = ['flow.m-psd', 'kato.hellmann-feynman', 'shell.partition', 'transport.lazy-scaling'];

interface PageFacts {
  katex: number;
  katexErrors: number;
  katexFontsLoaded: number;
  sections: number;
  plots: { w: number; h: number; marks: number }[];
}

describe.skipIf(unavailable !== undefined)('HTML report in chromium', () => {
  let browser: Browser;
  let cliPage = '';
  let fullPage = '';
  let expectedPlots = 0;
  let expectedClaims = 0;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scalecheck-browser-'));
    cliPage = join(dir, 'cli.html');
    const json = join(dir, 'report.json');
    const code = await main(['verify', ...FAST.flatMap((f) => ['--filter', f]), '--runs', '3', '--jobs', '1', '--quiet', '--json', json, '--html', cliPage], { claims }, { out: () => {}, err: () => {} });
    expect(code).not.toBe(2);
    // the verify run's entries, then synthetic ones for the plot kinds no fast claim draws (heatmap, lines)
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    const all = summarise(report.seed, report.digits[0]!, [...report.claims, ...syntheticEntries()]);
    expectedClaims = all.claims.length;
    expectedPlots = all.claims.reduce((n, c) => n + claimPlots(c).length, 0);
    fullPage = join(dir, 'full.html');
    writeFileSync(fullPage, await renderHtml(all));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-background-networking'] });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(file: string, screenshot?: string): Promise<{ facts: PageFacts; errors: string[]; requests: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    const url = pathToFileURL(file).href;
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      if (r.url() !== url && !r.url().startsWith('data:')) requests.push(r.url());
    });
    await page.goto(url, { waitUntil: 'load' });
    const facts = await page.evaluate(async (): Promise<PageFacts> => {
      await document.fonts.ready;
      const plots = [...document.querySelectorAll('.plot svg')].map((svg) => {
        const box = svg.getBoundingClientRect();
        // drawn marks: paths of line, rect and symbol marks with a non-empty extent
        const marks = [...svg.querySelectorAll('g.role-mark path')].filter((p) => {
          const b = (p as SVGGraphicsElement).getBBox();
          return (p.getAttribute('d') ?? '') !== '' && b.width + b.height > 0;
        }).length;
        return { w: box.width, h: box.height, marks };
      });
      return {
        katex: document.querySelectorAll('.statement .katex').length,
        katexErrors: document.querySelectorAll('.katex-error').length,
        katexFontsLoaded: [...document.fonts].filter((f) => f.family.includes('KaTeX') && f.status === 'loaded').length,
        sections: document.querySelectorAll('section.claim').length,
        plots,
      };
    });
    if (screenshot) {
      mkdirSync(dirname(screenshot), { recursive: true });
      await page.screenshot({ path: screenshot, fullPage: true });
    }
    await page.close();
    return { facts, errors, requests };
  }

  it('renders the report of a verify run with synthetic figures: KaTeX, every plot, no error, nothing fetched', async () => {
    const { facts, errors, requests } = await open(fullPage, join(root, 'reports/report.png'));
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(facts.sections).toBe(expectedClaims);
    expect(facts.katex).toBe(expectedClaims);
    expect(facts.katexErrors).toBe(0);
    expect(facts.katexFontsLoaded).toBeGreaterThan(0);
    expect(facts.plots).toHaveLength(expectedPlots);
    for (const p of facts.plots) {
      expect(p.w).toBeGreaterThan(0);
      expect(p.h).toBeGreaterThan(0);
      expect(p.marks).toBeGreaterThan(0);
    }
  });

  it('renders the page verify --html wrote', async () => {
    const { facts, errors, requests } = await open(cliPage);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(facts.sections).toBe(FAST.length);
    expect(facts.katexErrors).toBe(0);
    expect(facts.plots.length).toBeGreaterThanOrEqual(FAST.length);
    for (const p of facts.plots) expect(p.marks * p.w * p.h).toBeGreaterThan(0);
  });
});
