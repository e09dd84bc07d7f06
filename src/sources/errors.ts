/**
 * Bad input: always names the file, the line (1-based, header = line 1) and the field,
 * so a person can open the file and find the problem.
 */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly field: string | null,
    readonly reason: string,
  ) {
    super(`${file}${line !== null ? `:${line}` : ''}${field ? ` [${field}]` : ''}: ${reason}`);
    this.name = 'InputError';
  }
}

/** Wrong use of a command or API parameter (exit code 2, HTTP 400). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
