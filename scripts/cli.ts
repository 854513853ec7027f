// npm run cli -- validate FILE.json… [--publish]
// npm run cli -- import FILE.json|DIR/… [--publish [--as-published]]
// npm run cli -- export CODE YEAR
// npm run cli -- convert FILE.docx|.xlsx|.html [--agency CODE] [--region CODE] [--region-name NAME]
// The command-line interface of docs/product.md ("Interfaces that other tools rely on"). Messages go
// to stderr, results (ok, validation lines, exported JSON) to stdout; never a stack trace,
// a source path or a database error text: an unexpected failure is one Chinese line.
import { processOutput } from "./lib/cli-output";
import { runCli } from "./lib/cli-program";

runCli(process.argv.slice(2), processOutput).then((code) => process.exit(code));
