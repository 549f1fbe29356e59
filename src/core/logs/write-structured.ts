// Writes the loghub parsing outputs: `<name>.log_structured.csv` (LineId, the format's fields, EventId,
// EventTemplate) and `<name>.log_templates.csv` (EventId, EventTemplate, Occurrences) - the shapes loglizer and the
// parsing benchmark read - plus `<name>.log_rejected.csv` (LineNo, Reason, Text) when some lines did not fit.
// The structured file is streamed (pass 2), so its size never sits in memory.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { csvRow, toCsv } from '../util/csv';
import { structuredRecords, type ParsedLog } from './parse-log';
import type { ReadOptions } from './ingest';

export interface StructuredFiles {
  structured: string;
  templates: string;
  rejected?: string;
}

export async function writeStructured(parsed: ParsedLog, outDir: string, name: string, readOpts: ReadOptions = {}): Promise<StructuredFiles> {
  mkdirSync(outDir, { recursive: true });
  const files: StructuredFiles = {
    structured: join(outDir, `${name}.log_structured.csv`),
    templates: join(outDir, `${name}.log_templates.csv`),
  };
  const out = createWriteStream(files.structured);
  const headers = parsed.format.headers;
  const write = async (s: string): Promise<void> => { if (!out.write(s)) await once(out, 'drain'); };
  try {
    await write(csvRow(['LineId', ...headers, 'EventId', 'EventTemplate']) + '\n');
    let batch = '';
    for await (const r of structuredRecords(parsed, readOpts)) {
      batch += csvRow([r.lineId, ...headers.map((h) => r.fields[h]), r.eventId, r.template]) + '\n';
      if (batch.length > 1 << 16) { await write(batch); batch = ''; }
    }
    if (batch) await write(batch);
  } finally {
    out.end();
    await once(out, 'close');
  }
  writeFileSync(files.templates, toCsv(['EventId', 'EventTemplate', 'Occurrences'], parsed.templates.map((t) => [t.eventId, t.template, t.occurrences])));
  if (parsed.badCount > 0) {
    files.rejected = join(outDir, `${name}.log_rejected.csv`);
    writeFileSync(files.rejected, toCsv(['LineNo', 'Reason', 'Text'], parsed.bad.map((b) => [b.lineNo, b.reason, b.text])));
  }
  return files;
}
