// The command table: the list of what the CLI can do lives here and only here.
import type { Command } from '../args';
import { entries } from './entries';
import { evalCommand } from './eval';
import { generate } from './generate';
import { indexCommand } from './index-cmd';
import { templatesCommand } from './templates';
import { parseCommand } from './parse';
import { fsmCommand } from './fsm';
import { synthCommand } from './synth';
import { fidelityCommand } from './fidelity';
import { coverageCommand } from './coverage';
import { lcfgCommand } from './lcfg';

export const commands: Record<string, Command> = {
  entries,
  eval: evalCommand,
  generate,
  index: indexCommand,
  templates: templatesCommand,
  parse: parseCommand,
  fsm: fsmCommand,
  synth: synthCommand,
  fidelity: fidelityCommand,
  coverage: coverageCommand,
  lcfg: lcfgCommand,
};
