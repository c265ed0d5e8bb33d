/** A usage error: the command prints the message and its usage, exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface FlagSpec {
  /** Flags taking a value, e.g. `records` for `--records R.csv` (also `--records=R.csv`). */
  readonly values?: readonly string[];
  /** Boolean flags, e.g. `json` for `--json`. */
  readonly booleans?: readonly string[];
  /** Value flags that must be present. */
  readonly required?: readonly string[];
}

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string>>;
  readonly booleans: ReadonlySet<string>;
  readonly positionals: readonly string[];
}

/**
 * Parse `--flag value`, `--flag=value` and `--bool` arguments strictly: an unknown flag, a missing value
 * or a missing required flag is a {@link UsageError}.
 */
export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const valueFlags = new Set(spec.values ?? []);
  const boolFlags = new Set(spec.booleans ?? []);
  const values: Record<string, string> = {};
  const booleans = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (valueFlags.has(name)) {
      let v: string | undefined;
      if (eq !== -1) v = arg.slice(eq + 1);
      else {
        v = argv[i + 1];
        i++;
      }
      if (v === undefined || v === '' || (eq === -1 && v.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
      values[name] = v;
    } else if (boolFlags.has(name) && eq === -1) {
      booleans.add(name);
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  for (const r of spec.required ?? []) {
    if (values[r] === undefined) throw new UsageError(`--${r} is required`);
  }
  return { values, booleans, positionals };
}
