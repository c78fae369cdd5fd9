// The stack's console output: one line per event, prefixed with the service that said it.
export interface Logger {
  info(message: string): void;
  error(message: string): void;
  /** A line printed by a child process (postgres, postgrest, a function). */
  child(name: string, line: string): void;
}

export function consoleLogger({ verbose }: { verbose: boolean }): Logger {
  return {
    info: (message) => console.log(`[stack] ${message}`),
    error: (message) => console.error(`[stack] ${message}`),
    child: (name, line) => {
      if (verbose || /error|fatal|panic/i.test(line)) console.log(`[${name}] ${line}`);
    },
  };
}

/** For tests: keeps quiet unless something goes wrong. */
export function quietLogger(): Logger {
  return {
    info: () => {},
    error: (message) => console.error(`[stack] ${message}`),
    child: (name, line) => {
      if (/fatal|panic/i.test(line)) console.error(`[${name}] ${line}`);
    },
  };
}
