import type { CliCommand } from '../io.js';
import { EXIT_USAGE } from '../io.js';

/** `dip check`: not implemented yet. */
export const run: CliCommand = async (_argv, io) => {
  io.stderr('dip check: not implemented yet\n');
  return EXIT_USAGE;
};
