// The CLI (scripts/cli.ts) in tests: in-process through the program it runs (scripts/lib/cli-program.ts),
// which is what the tests are about; a fresh Node process through tsx costs about 1.3 s of CPU
// and a few seconds, so only the tests of the entry point itself start one (spawnCli).
import { spawnSync } from "node:child_process";
import { memoryOutput } from "../../scripts/lib/cli-output";
import { runCli } from "../../scripts/lib/cli-program";

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout's non-empty lines */
  lines: string[];
}

function result(status: number | null, stdout: string, stderr: string): CliRun {
  return { status, stdout, stderr, lines: stdout.trim().split("\n").filter(Boolean) };
}

/** `npm run cli -- ARGS` on `databaseUrl`, in this process. */
export async function runCliInProcess(databaseUrl: string, ...args: string[]): Promise<CliRun> {
  const { io, stdout, stderr } = memoryOutput();
  const status = await runCli(args, io, { databaseUrl });
  return result(status, stdout(), stderr());
}

/** `npm run cli -- ARGS` as a user runs it: a child process, DATABASE_URL in its environment. */
export function spawnCli(env: Record<string, string | undefined>, ...args: string[]): CliRun {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  return result(r.status, r.stdout, r.stderr);
}
