import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../args';
import { indexCommand } from './index-cmd';
import { templatesCommand } from './templates';
import { parseCsvRecords } from '../../core/util/csv';

const SRC = `package svc;
import org.slf4j.*;
public class Store {
  private static final Logger LOG = LoggerFactory.getLogger(Store.class);
  void put(String key, int n) {
    LOG.info("Stored \\"{}\\", {} bytes", key, n);
    LOG.warn("Two lines:\\n" + key);
  }
}
class Broken { void m( { LOG.info("still here"); }
`;

/** Runs a command module in a child process, as the CLI does, and returns its stdout. */
function runCli(module: string, exportName: string, args: string[]): string {
  const script = `require(${JSON.stringify(module)}).${exportName}.run(process.argv.slice(1)).then((c) => { process.exitCode = c; })`;
  return execFileSync(process.execPath, ['-e', script, '--', ...args], { encoding: 'utf8' });
}

test('templates --out writes the CSV contract, quoting commas, quotes and newlines', async () => {
  const root = mkdtempSync(join(tmpdir(), 'logsynth-cli-'));
  try {
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src/Store.java'), SRC);
    const out = join(root, 'templates.csv');
    assert.equal(await templatesCommand.run([root, '--out', out]), 0);
    const text = readFileSync(out, 'utf8');
    assert.equal(text.split('\n')[0], 'EventId,Level,EventTemplate,File,Line,Class,Method');
    assert.deepEqual(parseCsvRecords(text), [
      { EventId: 'E1', Level: 'INFO', EventTemplate: 'Stored "<*>", <*> bytes', File: 'src/Store.java', Line: '6', Class: 'svc.Store', Method: 'put(String,int)' },
      { EventId: 'E2', Level: 'WARN', EventTemplate: 'Two lines:\n<*>', File: 'src/Store.java', Line: '7', Class: 'svc.Store', Method: 'put(String,int)' },
      { EventId: 'E3', Level: 'INFO', EventTemplate: 'still here', File: 'src/Store.java', Line: '10', Class: 'svc.Broken', Method: 'm()' },
    ]);
    // without --out the same CSV goes to stdout
    assert.equal(runCli(join(__dirname, 'templates.js'), 'templatesCommand', [root]), text);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('index --json reports counts, problems with file:line, seconds', async () => {
  const root = mkdtempSync(join(tmpdir(), 'logsynth-cli-'));
  try {
    writeFileSync(join(root, 'Store.java'), SRC);
    const report = JSON.parse(runCli(join(__dirname, 'index-cmd.js'), 'indexCommand', [root, '--json']));
    assert.equal(report.files, 1);
    assert.equal(report.lines, 10);
    assert.equal(report.logStatements, 3);
    assert.equal(report.templates, 3);
    assert.deepEqual(report.methods, 2);
    assert.ok(report.problems.length >= 1);
    assert.ok(report.problems.every((p: { file: string; line: number }) => p.file === 'Store.java' && p.line === 10));
    assert.equal(typeof report.seconds, 'number');
    assert.equal(report.threads, 1);
    const text = runCli(join(__dirname, 'index-cmd.js'), 'indexCommand', [root]);
    assert.match(text, /^files\s+1$/m);
    assert.match(text, /^ {2}Store\.java:10:\d+ error: syntax error/m);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a missing folder or a bad option is a one-line CLI error', async () => {
  await assert.rejects(indexCommand.run(['/no/such/dir']), (e: unknown) => e instanceof CliError && e.message === 'no such folder: /no/such/dir');
  await assert.rejects(templatesCommand.run([]), (e: unknown) => e instanceof CliError && /^missing <dir>/.test(e.message));
  await assert.rejects(indexCommand.run(['.', '--max-file-mb', 'x']), (e: unknown) => e instanceof CliError && /--max-file-mb/.test(e.message));
  await assert.rejects(indexCommand.run(['.', '--bogus']), CliError);
  await assert.rejects(indexCommand.run(['.', '--workers', '0']), (e: unknown) => e instanceof CliError && /--workers must be an integer >= 1/.test(e.message));
});

test('index --call-graph counts call edges and the methods that reach a log; --repeat builds again in the process', async () => {
  const root = mkdtempSync(join(tmpdir(), 'logsynth-cli-'));
  try {
    writeFileSync(join(root, 'Svc.java'), `package p;
import org.slf4j.*;
class Svc {
  private static final Logger LOG = LoggerFactory.getLogger(Svc.class);
  void top() { mid(); quiet(); }
  void mid() { leaf(); leaf(); }
  void leaf() { LOG.info("leaf"); }
  void quiet() { int x = 1; }
  void alone() { quiet(); }
}
`);
    const report = JSON.parse(runCli(join(__dirname, 'index-cmd.js'), 'indexCommand', [root, '--json', '--call-graph', '--repeat', '2']));
    // edges: top->mid, top->quiet, mid->leaf (once), alone->quiet; top, mid and leaf reach the log
    assert.equal(report.callEdges, 4);
    assert.equal(report.methodsReachingLogs, 3);
    assert.equal(typeof report.graphSeconds, 'number');
    assert.equal(report.runs.length, 2);
    assert.ok(report.runs.every((r: { seconds: number; graphSeconds: number; peakRssMB: number }) =>
      r.seconds > 0 && r.graphSeconds >= 0 && r.peakRssMB > 0));
    assert.ok(['heap', 'cursor'].includes(report.treeReader));
    const text = runCli(join(__dirname, 'index-cmd.js'), 'indexCommand', [root, '--call-graph']);
    assert.match(text, /^call graph\s+4 edges, 3 methods reach a log statement; [\d.]+ seconds$/m);
    await assert.rejects(indexCommand.run([root, '--repeat', '0']), (e: unknown) => e instanceof CliError && /--repeat/.test(e.message));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
