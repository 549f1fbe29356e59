// Writing a run's sequences as a data set, without ever overwriting silently: when the folder already holds
// files and overwrite was not asked, nothing is written and the client is told which files are in the way.
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { LogSequence } from '../core/model';
import { writeDataset } from '../core/export/dataset';
import type { ExportParams, ExportResponse } from '../shared/protocol';

export async function exportDataset(
  params: ExportParams,
  sequences: LogSequence[],
  templates: { eventId: string; template: string }[],
): Promise<ExportResponse> {
  const { dir, name, formats, overwrite } = params;
  if (!/^[\w.-]+$/.test(name)) return { files: [], error: `data set name '${name}' may hold only letters, digits, '.', '_' and '-'` };
  if (formats.length === 0) return { files: [], error: 'no format chosen' };
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) return { files: [], error: `${dir} is a file, not a folder` };
    const present = readdirSync(dir);
    if (present.length > 0 && !overwrite) return { files: [], exists: present.slice(0, 20) };
  }
  try {
    const out = await writeDataset(dir, { name, sequences, templates, overwrite, formats });
    return { files: out.files };
  } catch (e) {
    return { files: [], error: e instanceof Error ? e.message : String(e) };
  }
}
