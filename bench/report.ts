import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One line of the bench's table: the product's figure beside bare Temporal's, and the issue's target. */
export interface Figure {
  key: string; figure: string; unit: string;
  baseline: number | null; product: number;
  /** product / baseline */
  ratio: number | null;
  target: string;
  /** null: no target for this figure */
  met: boolean | null;
}

export interface Results {
  at: string; commit: string; sizes: Record<string, number | string>; figures: Figure[]; more: Record<string, number>; explain: Record<string, string[]>;
  /** how busy the (shared) machine was: `uptime` at the start and the end of the run */
  machine?: { cpus: number; uptimeAtStart: string; uptimeAtEnd: string };
}

const RESULTS_DIR = join(__dirname, 'results');

const fmt = (v: number | null, unit = '') => (v === null || Number.isNaN(v) ? '—' : `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)}${unit ? ` ${unit}` : ''}`);

/** The table as Markdown (the README shows the latest one). */
export function table(figures: Figure[]): string {
  const lines = ['| figure | bare Temporal | product | ratio | target | met |', '|---|---|---|---|---|---|'];
  for (const f of figures) {
    lines.push(`| ${f.figure} | ${fmt(f.baseline, f.unit)} | ${fmt(f.product, f.unit)} | ${f.ratio === null ? '—' : `${f.ratio.toFixed(2)}×`} | ${f.target} | ${f.met === null ? '' : f.met ? 'yes' : '**no**'} |`);
  }
  return lines.join('\n');
}

/** The last results written, if any. */
export function previousResults(): Results | undefined {
  if (!existsSync(RESULTS_DIR)) return undefined;
  const files = readdirSync(RESULTS_DIR).filter((f) => f.endsWith('.json')).sort();
  return files.length ? JSON.parse(readFileSync(join(RESULTS_DIR, files[files.length - 1]), 'utf8')) as Results : undefined;
}

/** What changed since `before`, figure by figure (the product's value). */
export function delta(before: Results, now: Results): string {
  const lines = [`Change since ${before.at} (${before.commit}):`];
  for (const f of now.figures) {
    const b = before.figures.find((x) => x.key === f.key);
    if (!b) continue;
    const pct = b.product ? ((f.product - b.product) / b.product) * 100 : NaN;
    lines.push(`  ${f.figure.padEnd(58)} ${fmt(b.product, f.unit).padStart(12)} → ${fmt(f.product, f.unit).padStart(12)}  (${Number.isNaN(pct) ? '—' : `${pct >= 0 ? '+' : ''}${pct.toFixed(0)}%`})`);
  }
  return lines.join('\n');
}

/** Writes the results as bench/results/<timestamp>.json and returns the path. */
export function writeResults(r: Results): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${r.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(path, `${JSON.stringify(r, null, 2)}\n`);
  return path;
}
