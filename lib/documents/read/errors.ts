/** A file that is not a readable report, or one refused by a limit; the message is the user's (Chinese). */
export class UnreadableFileError extends Error {}
