/** What starts an answer line of the fixture host (e2e/support/fixture-host.ts); any other line is the operations' own output. */
export const ANSWER_MARK = "\u0001fixture-answer ";
