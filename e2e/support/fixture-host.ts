// One long-lived tsx process per Playwright worker that runs the fixtures (workflow-fixture.ts,
// lateness-fixture.ts) and the report CLI (scripts/lib/cli-program.ts) against the e2e database: started once, it keeps its Prisma Client and
// its compiled modules, where a process per call paid about two seconds of CPU each time.
// Protocol: one JSON request per line on stdin, `{ id, fixture, args }`; one JSON answer per
// line on stdout after ANSWER_MARK, `{ id, ok: true, result }` or `{ id, ok: false, error }` (the
// operations may log: other lines are not answers). Ends with stdin.
import readline from "node:readline";
import { runCliInProcess } from "../../test/support/cli";
import { ANSWER_MARK } from "./fixture-host-protocol";
import { disconnectLatenessFixture, latenessCommand } from "./lateness-fixture";
import { disconnectWorkflowFixture, workflowCommand } from "./workflow-fixture";

interface Request {
  id: number;
  fixture: "workflow" | "lateness" | "cli";
  args: string[];
}

async function cli(args: string[]) {
  const r = await runCliInProcess(process.env.DATABASE_URL!, ...args);
  return { status: r.status, stdout: r.stdout, output: r.stdout + r.stderr };
}

function run({ fixture, args }: Request): Promise<unknown> {
  if (fixture === "lateness") return latenessCommand(args);
  if (fixture === "cli") return cli(args);
  const [command, ...rest] = args;
  return workflowCommand(command ?? "", rest);
}

const lines = readline.createInterface({ input: process.stdin });
// one at a time, in order: a worker runs one test at a time, and its calls are awaited
let queue = Promise.resolve();
lines.on("line", (line) => {
  const request = JSON.parse(line) as Request;
  queue = queue.then(async () => {
    const answer = await run(request).then(
      (result) => ({ id: request.id, ok: true, result: result ?? null }),
      (e: unknown) => ({ id: request.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    );
    process.stdout.write(ANSWER_MARK + JSON.stringify(answer) + "\n");
  });
});
lines.on("close", () => {
  void queue.then(() => Promise.all([disconnectWorkflowFixture(), disconnectLatenessFixture()])).finally(() => process.exit(0));
});
