// `vhdl-explain` command-line entry point: one table entry per subcommand.
import { checkCommand } from './check';
import { definitionCommand } from './definition';
import { docsCommand } from './docs';
import { explainCommand } from './explain';
import { hoverCommand } from './hover';
import { pairsCommand } from './pairs';
import { generateCommand } from './generate';
import { serveCommand } from './serve';
import { symbolsCommand } from './symbols';
import { factsCommand } from './facts';

export interface Command {
  /** One line for `vhdl-explain --help`. */
  usage: string;
  /** Runs with the arguments after the subcommand name; resolves to the exit code. */
  run(args: string[]): Promise<number> | number;
}

const commands: Record<string, Command> = {
  check: checkCommand,
  symbols: symbolsCommand,
  facts: factsCommand,
  definition: definitionCommand,
  generate: generateCommand,
  serve: serveCommand,
  explain: explainCommand,
  hover: hoverCommand,
  docs: docsCommand,
  pairs: pairsCommand,
};

function help(): string {
  const lines = ['usage: vhdl-explain <command> [arguments]', '', 'commands:'];
  for (const c of Object.values(commands)) lines.push(`  ${c.usage}`);
  lines.push('', 'Lines and columns are 1-based. Paths may be files or folders (searched for *.vhd, *.vhdl).');
  return lines.join('\n') + '\n';
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help());
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    process.stderr.write(`vhdl-explain: unknown command '${name}'\n${help()}`);
    return 2;
  }
  return cmd.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`vhdl-explain: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
