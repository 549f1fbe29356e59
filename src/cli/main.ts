// `logsynth <command>`: one table of commands, each in its own module under commands/.
import { commands } from './commands';
import { CliError } from './args';
import { tuneJit } from '../core/util/jit';

tuneJit();

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log('usage: logsynth <command> [options]\n\ncommands:');
    for (const [n, c] of Object.entries(commands)) console.log(`  ${n.padEnd(10)} ${c.summary}`);
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    console.error(`logsynth: unknown command '${name}' (try: ${Object.keys(commands).join(', ')})`);
    return 2;
  }
  return cmd.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    if (err instanceof CliError) console.error(`logsynth: ${err.message}`);
    else console.error(`logsynth: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    process.exitCode = err instanceof CliError ? 2 : 1;
  },
);
