// `npm run stack`: the local Supabase stack in the foreground. Ctrl-C stops every child process.
//   --reset     start from an empty database (migrations and seed run again)
//   --verbose   print every line the services log
import { loadLocalEnv, parseFlags, runStack, stopOnSignals } from "./run";

try {
  loadLocalEnv();
  const stack = await runStack(parseFlags(process.argv.slice(2)), true);
  stopOnSignals(() => stack.stop());
} catch (error) {
  console.error(`[stack] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
