// The command table: the list of what the CLI can do lives here and only here.
import type { Command } from '../args';

export const commands: Record<string, Command> = {};
