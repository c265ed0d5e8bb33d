import type { CliCommand, CliIo } from './io.js';
import { EXIT_USAGE } from './io.js';

/**
 * `dip` command-line entry. Each subcommand lives in `./commands/<name>.ts` and exports `run`;
 * they are loaded lazily so `dip check` does not pay for the grouper.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: CliCommand }> }> = {
  check: { summary: 'validate a discharge-records CSV and report every bad row', load: () => import('./commands/check.js') },
  group: { summary: 'group records into packets of a catalog', load: () => import('./commands/group.js') },
  settle: { summary: 'settle a region-year: case points, point value, hospital statements', load: () => import('./commands/settle.js') },
  'validate-policy': { summary: 'validate a region policy JSON file', load: () => import('./commands/validate-policy.js') },
  generate: { summary: 'generate a seeded synthetic city-year of discharge records', load: () => import('./commands/generate.js') },
  'build-catalog': { summary: 'build a catalog and packet points from past years of records', load: () => import('./commands/build-catalog.js') },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  dip ${name.padEnd(16)} ${c.summary}`);
  return `usage: dip <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun \`dip <command> --help\` for a command's options.\n`;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? EXIT_USAGE : 0;
  }
  const cmd = COMMANDS[name];
  if (cmd === undefined) {
    io.stderr(`dip: unknown command "${name}"\n\n${usage()}`);
    return EXIT_USAGE;
  }
  const mod = await cmd.load();
  return mod.run(rest, io);
}

