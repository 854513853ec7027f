/** Where a CLI command writes: results and lines to `log`/`write` (stdout), messages to `error` (stderr). */
export interface CliOutput {
  /** One line of results (stdout). */
  log(line: string): void;
  /** Text as it is (stdout), e.g. a whole JSON document. */
  write(text: string): void;
  /** One line of messages (stderr). */
  error(line: string): void;
}

export const processOutput: CliOutput = {
  log: (line) => process.stdout.write(`${line}\n`),
  write: (text) => process.stdout.write(text),
  error: (line) => process.stderr.write(`${line}\n`),
};

/** An output kept in memory (tests, and callers that run a command in-process). */
export function memoryOutput() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliOutput = { log: (l) => out.push(`${l}\n`), write: (t) => out.push(t), error: (l) => err.push(`${l}\n`) };
  return { io, stdout: () => out.join(""), stderr: () => err.join("") };
}
