// Turning runs into the three outputs of `logsynth eval`: results.csv (one row per run), summary.csv
// (mean and spread per model x training, F1 change against `real`) and results.md (the same, readable).
import { toCsv } from '../util/csv';
import { REAL, type RunResult } from './experiment';
import { mean, std } from './metrics';

export interface SummaryRow {
  dataset: string;
  model: string;
  training: string;
  runs: number;
  precisionMean: number; precisionStd: number;
  recallMean: number; recallStd: number;
  f1Mean: number; f1Std: number;
  /** f1Mean minus the same model's `real` f1Mean (NaN when there is no `real` run to compare with). */
  f1Delta: number;
  secondsMean: number;
}

export function summarize(rows: readonly RunResult[]): SummaryRow[] {
  const groups = new Map<string, RunResult[]>();
  for (const r of rows) {
    const k = JSON.stringify([r.dataset, r.model, r.training]);
    const g = groups.get(k);
    if (g) g.push(r); else groups.set(k, [r]);
  }
  const out: SummaryRow[] = [];
  for (const g of groups.values()) {
    const { dataset, model, training } = g[0]!;
    const col = (f: (r: RunResult) => number) => g.map(f);
    out.push({
      dataset, model, training, runs: g.length,
      precisionMean: mean(col((r) => r.precision)), precisionStd: std(col((r) => r.precision)),
      recallMean: mean(col((r) => r.recall)), recallStd: std(col((r) => r.recall)),
      f1Mean: mean(col((r) => r.f1)), f1Std: std(col((r) => r.f1)),
      f1Delta: NaN,
      secondsMean: mean(col((r) => r.seconds)),
    });
  }
  for (const s of out) {
    const base = out.find((b) => b.dataset === s.dataset && b.model === s.model && b.training === REAL);
    s.f1Delta = base ? s.f1Mean - base.f1Mean : NaN;
  }
  return out;
}

const r4 = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(4)) : '');

export function resultsCsv(rows: readonly RunResult[]): string {
  return toCsv(['dataset', 'model', 'training', 'seed', 'precision', 'recall', 'f1'],
    rows.map((r) => [r.dataset, r.model, r.training, r.seed, r4(r.precision), r4(r.recall), r4(r.f1)]));
}

export function summaryCsv(summary: readonly SummaryRow[]): string {
  return toCsv(
    ['dataset', 'model', 'training', 'runs', 'precision_mean', 'precision_std', 'recall_mean', 'recall_std', 'f1_mean', 'f1_std', 'f1_delta_vs_real', 'seconds_mean'],
    summary.map((s) => [s.dataset, s.model, s.training, s.runs, r4(s.precisionMean), r4(s.precisionStd), r4(s.recallMean),
      r4(s.recallStd), r4(s.f1Mean), r4(s.f1Std), r4(s.f1Delta), r4(s.secondsMean)]));
}

export interface ReportContext {
  /** Free-form lines describing the inputs (sizes, template mapping), printed before the tables. */
  notes: string[];
  cancelled: boolean;
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');
const pm = (m: number, s: number) => `${f3(m)} ± ${f3(s)}`;
const signed = (x: number) => (!Number.isFinite(x) ? '–' : `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`);
const cell = (s: string) => s.replace(/\|/g, '\\|');

/** results.md: per data set, one table model x training -> P, R, F1 (mean ± sd) and ΔF1, then an F1 grid. */
export function resultsMarkdown(summary: readonly SummaryRow[], ctx: ReportContext): string {
  const lines: string[] = ['# LogSynth evaluation bench', ''];
  if (ctx.cancelled) lines.push('**Cancelled**: the tables hold only the runs finished before cancellation.', '');
  for (const n of ctx.notes) lines.push(n);
  if (ctx.notes.length) lines.push('');
  for (const dataset of [...new Set(summary.map((s) => s.dataset))]) {
    const rows = summary.filter((s) => s.dataset === dataset);
    const trainings = [...new Set(rows.map((s) => s.training))];
    const models = [...new Set(rows.map((s) => s.model))];
    lines.push(`## ${cell(dataset)}`, '');
    lines.push('| model | training | runs | precision | recall | F1 | ΔF1 vs real | s/run |', '|---|---|---:|---:|---:|---:|---:|---:|');
    for (const m of models) for (const t of trainings) {
      const s = rows.find((r) => r.model === m && r.training === t);
      if (!s) continue;
      lines.push(`| ${cell(m)} | ${cell(t)} | ${s.runs} | ${pm(s.precisionMean, s.precisionStd)} | ${pm(s.recallMean, s.recallStd)} | ${pm(s.f1Mean, s.f1Std)} | ${t === REAL ? '' : signed(s.f1Delta)} | ${s.secondsMean.toFixed(1)} |`);
    }
    lines.push('', `F1 (mean over seeds); ΔF1 in brackets:`, '');
    lines.push(`| model | ${trainings.map(cell).join(' | ')} |`, `|---|${trainings.map(() => '---:').join('|')}|`);
    for (const m of models) {
      lines.push(`| ${cell(m)} | ${trainings.map((t) => {
        const s = rows.find((r) => r.model === m && r.training === t);
        return !s ? '' : t === REAL ? f3(s.f1Mean) : `${f3(s.f1Mean)} (${signed(s.f1Delta)})`;
      }).join(' | ')} |`);
    }
    const deltas = rows.filter((r) => r.training !== REAL && Number.isFinite(r.f1Delta));
    for (const t of trainings.filter((x) => x !== REAL)) {
      const d = deltas.filter((r) => r.training === t).map((r) => r.f1Delta);
      if (!d.length) continue;
      const better = d.filter((x) => x > 0.0005).length, worse = d.filter((x) => x < -0.0005).length;
      lines.push('', `- ${cell(t)}: mean ΔF1 ${signed(mean(d))} over ${d.length} models (${better} better, ${worse} worse, ${d.length - better - worse} unchanged).`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
