import { parse, intOption, type Command } from '../args';
import { openWorkspace, requireDir, workspaceOptions } from '../workspace';

const usage = 'logsynth entries <dir> [--top N] [--json]';

export const entries: Command = {
  summary: 'list methods that reach log statements, ranked by reachable templates',
  async run(argv) {
    const { values, positionals } = parse(argv, { top: { type: 'string' }, depth: { type: 'string' }, json: { type: 'boolean' }, ...workspaceOptions }, usage);
    const root = requireDir(positionals[0], usage);
    const top = intOption(values.top, 'top', 20, 1);
    const depth = intOption(values.depth, 'depth', 5, 0);
    const ws = await openWorkspace(root, values);
    const list = ws.graph.entries({ top, depth });
    if (values.json) {
      console.log(JSON.stringify(list, null, 2));
    } else {
      console.log('Templates  Logs  Entry');
      for (const e of list) console.log(`${String(e.reachableTemplates).padStart(9)}  ${String(e.reachableLogs).padStart(4)}  ${e.methodId}  (${e.loc.file}:${e.loc.line})`);
    }
    return 0;
  },
};
