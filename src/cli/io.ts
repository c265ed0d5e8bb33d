/** What a CLI command writes to and reads from; injected so commands are testable in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stderr is a terminal (progress output only then). */
  readonly stderrIsTTY: boolean;
  /** Working directory for relative paths. */
  readonly cwd: string;
}

/** Exit codes of every `dip` command: 0 ok, 1 input issues reported, 2 usage or unreadable input (and, for `dip settle`, an output that cannot be written). */
export const EXIT_OK = 0;
export const EXIT_INPUT_ISSUES = 1;
export const EXIT_USAGE = 2;

/** A CLI command: parses its own arguments and returns an exit code; never calls process.exit. */
export type CliCommand = (argv: readonly string[], io: CliIo) => Promise<number>;
