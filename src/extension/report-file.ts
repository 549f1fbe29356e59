// Reading a report the CLI wrote, for the webview's report views: `fidelity.json` (logsynth fidelity) or
// `summary.csv` (logsynth eval). Pure Node: no `vscode` here, so it is tested with the node test runner.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { FidelityReport } from '../core/fidelity/report';
import type { SummaryRow } from '../core/eval/report';
import { parseCsvRecords } from '../core/util/csv';
import { evalReportData, fidelityReportData } from '../shared/report-views';
import type { ReportData } from '../shared/webview-protocol';

export class ReportFileError extends Error {}

const SUMMARY_COLUMNS = ['dataset', 'model', 'training', 'runs', 'precision_mean', 'precision_std', 'recall_mean',
  'recall_std', 'f1_mean', 'f1_std', 'f1_delta_vs_real', 'seconds_mean'];

/** An empty cell (written for NaN) reads back as NaN. */
const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? Number.NaN : Number(s));

function isFidelityReport(x: unknown): x is FidelityReport {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return ['real', 'synthetic', 'constraints', 'similarity', 'process', 'amplification', 'matrices', 'graph']
    .every((k) => typeof r[k] === 'object' && r[k] !== null);
}

export function reportFromFile(file: string): ReportData {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) {
    throw new ReportFileError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (file.endsWith('.json')) {
    let data: unknown;
    try { data = JSON.parse(text); } catch {
      throw new ReportFileError(`${basename(file)} is not valid JSON`);
    }
    if (!isFidelityReport(data)) throw new ReportFileError(`${basename(file)} is not a fidelity report (fidelity.json from \`logsynth fidelity --out DIR\`)`);
    return fidelityReportData(data, `Fidelity: ${basename(file)}`);
  }
  if (file.endsWith('.csv')) {
    const records = parseCsvRecords(text);
    const header = text.split(/\r?\n/, 1)[0]!.split(',');
    const missing = SUMMARY_COLUMNS.filter((c) => !header.includes(c));
    if (missing.length > 0) throw new ReportFileError(`${basename(file)} is not an evaluation summary (summary.csv from \`logsynth eval --out DIR\`): no ${missing.join(', ')} column`);
    const rows: SummaryRow[] = records.map((r) => ({
      dataset: r.dataset ?? '', model: r.model ?? '', training: r.training ?? '', runs: num(r.runs),
      precisionMean: num(r.precision_mean), precisionStd: num(r.precision_std), recallMean: num(r.recall_mean),
      recallStd: num(r.recall_std), f1Mean: num(r.f1_mean), f1Std: num(r.f1_std), f1Delta: num(r.f1_delta_vs_real),
      secondsMean: num(r.seconds_mean),
    }));
    if (rows.length === 0) throw new ReportFileError(`${basename(file)} has no rows`);
    return evalReportData(rows, `Evaluation: ${basename(file)}`);
  }
  throw new ReportFileError(`${basename(file)}: open a fidelity.json or an evaluation summary.csv`);
}
