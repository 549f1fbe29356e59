import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summaryCsv, type SummaryRow } from '../core/eval/report';
import { reportFromFile } from './report-file';

const rows: SummaryRow[] = [
  { dataset: 'HDFS', model: 'DecisionTree', training: 'real', runs: 3, precisionMean: 0.998, precisionStd: 0.001, recallMean: 0.93, recallStd: 0.01, f1Mean: 0.963, f1Std: 0.005, f1Delta: Number.NaN, secondsMean: 0.4 },
  { dataset: 'HDFS', model: 'DecisionTree', training: 'real+code', runs: 3, precisionMean: 0.99, precisionStd: 0.002, recallMean: 0.95, recallStd: 0.01, f1Mean: 0.97, f1Std: 0.004, f1Delta: 0.007, secondsMean: 0.5 },
];

test('reportFromFile: an eval summary.csv written by the core reads back as the eval report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logsynth-report-'));
  try {
    const file = join(dir, 'summary.csv');
    writeFileSync(file, summaryCsv(rows));
    const r = reportFromFile(file);
    assert.equal(r.kind, 'eval');
    assert.equal(r.metrics['Runs'], 6);
    assert.equal(r.metrics['Best F1'], 0.97);
    assert.deepEqual(r.eval?.rows.map((x) => [x.training, x.f1, x.deltaF1]), [['real', 0.963, undefined], ['real+code', 0.97, 0.007]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('reportFromFile: clear messages for files that are not reports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logsynth-report-'));
  try {
    const w = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
    assert.throws(() => reportFromFile(w('a.json', '{"real": 1')), /not valid JSON/);
    assert.throws(() => reportFromFile(w('b.json', '{"real": {}}')), /not a fidelity report/);
    assert.throws(() => reportFromFile(w('c.csv', 'SessionId,Label\nS1,Normal\n')), /not an evaluation summary.*no dataset/);
    assert.throws(() => reportFromFile(w('d.csv', summaryCsv([]))), /has no rows/);
    assert.throws(() => reportFromFile(w('e.txt', 'x')), /open a fidelity.json or an evaluation summary.csv/);
    assert.throws(() => reportFromFile(join(dir, 'missing.json')), /cannot read/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
