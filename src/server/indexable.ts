// Which workspace files incremental updates may add to the index: the same rules as the full-scan walker
// (build output and tool folders, test sources unless asked, the user's exclude globs), so an edit never
// brings in a file a full scan would leave out. (.gitignore rules are only applied by the full scan.)
import picomatch from 'picomatch';
import { DEFAULT_EXCLUDED_DIRS, TEST_GLOBS } from '../core/workspace/walk';

const isTest = picomatch([...TEST_GLOBS], { dot: true });
const matchers = new Map<string, (p: string) => boolean>();

export function isIndexable(rel: string, exclude: readonly string[] = [], includeTests = false): boolean {
  if (!rel.endsWith('.java')) return false;
  if (rel.split('/').slice(0, -1).some((d) => DEFAULT_EXCLUDED_DIRS.has(d))) return false;
  if (!includeTests && isTest(rel)) return false;
  for (const g of exclude) {
    let m = matchers.get(g);
    if (!m) { m = picomatch(g, { dot: true }); matchers.set(g, m); }
    if (m(rel)) return false;
  }
  return true;
}
