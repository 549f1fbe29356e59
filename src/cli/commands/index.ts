// The command table: the list of what the CLI can do lives here and only here.
import type { Command } from '../args';
import { evalCommand } from './eval';
import { indexCommand } from './index-cmd';
import { templatesCommand } from './templates';

export const commands: Record<string, Command> = {
  eval: evalCommand,
  index: indexCommand,
  templates: templatesCommand,
};
