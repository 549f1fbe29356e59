// `logsynth lcfg <dir> --method SIG`: the log-oriented control-flow graph of one method, to see what the
// path enumeration walks (summary lines, Graphviz DOT, or JSON).
import { CliError, parse, type Command } from '../args';
import { openWorkspace, requireDir, workspaceOptions } from '../workspace';
import { lcfgSummary, lcfgToDot } from '../../core/lcfg/render';

const usage = 'logsynth lcfg <dir> --method SIG [--dot | --json]';

export const lcfgCommand: Command = {
  summary: 'print the log-oriented control-flow graph of one method (summary, --dot or --json)',
  async run(argv) {
    const { values, positionals } = parse(argv, { method: { type: 'string' }, dot: { type: 'boolean' }, json: { type: 'boolean' }, ...workspaceOptions }, usage);
    const root = requireDir(positionals[0], usage);
    if (!values.method) throw new CliError(`missing --method SIG\nusage: ${usage}`);
    if (values.dot && values.json) throw new CliError(`--dot and --json exclude each other\nusage: ${usage}`);
    const ws = await openWorkspace(root, values);
    const found = ws.graph.findMethod(values.method);
    if (!found.match) {
      const near = found.suggestions.slice(0, 5);
      throw new CliError(`unknown method '${values.method}'${near.length ? `; did you mean: ${near.join(', ')}` : ''}`);
    }
    const g = ws.graph.lcfg(found.match);
    if (!g) throw new CliError(`no control-flow graph for ${found.match} (abstract or native?)`);
    if (values.json) console.log(JSON.stringify(g, null, 2));
    else if (values.dot) console.log(lcfgToDot(g, ws.index.logs));
    else {
      console.log(`# ${g.methodId}: ${g.nodes.length} nodes, ${g.edges.length} edges${g.degraded ? ` (degraded: ${g.degraded})` : ''}`);
      console.log(lcfgSummary(g, { assigns: true }));
    }
    return 0;
  },
};
