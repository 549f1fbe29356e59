// The wording of code meets logs, shared by the language server's hover and the editor's inline hints: how
// often the last coverage job saw a source template in the real log. No node or vscode imports.
import type { CoverageCounts } from './protocol';

/** "seen 1,234 times in production logs" / "never seen in the logs" / too generic; undefined: not in the counts. */
export function seenText(seen: number | null | undefined): string | undefined {
  if (seen === undefined) return undefined;
  if (seen === null) return 'too generic to match against the logs';
  if (seen === 0) return 'never seen in the logs';
  return `seen ${seen.toLocaleString('en-US')} time${seen === 1 ? '' : 's'} in production logs`;
}

const fileName = (p: string) => p.replace(/^.*[\\/]/, '');

/** The hover's line for one log call (a template edited since the coverage run is said to be unknown). */
export function coverageHoverLine(c: CoverageCounts, template: string): string {
  const text = seenText(c.seen[template]) ?? 'not in the last coverage run (edited since? run "Show log coverage" again)';
  return `**Logs:** ${text} (\`${fileName(c.log)}\`)`;
}
