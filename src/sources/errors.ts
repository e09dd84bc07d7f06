// One error model for the whole program: a handful of kinds with stable codes, mapped once to
// CLI exit codes (`exitCodeOf`) and to HTTP problem documents, RFC 9457 (`problemOf`).
// Anything that is not a CogencyError is an internal error: its message is never shown to an
// HTTP client (it may name files), only logged.

export type ErrorKind = 'bad_input' | 'usage' | 'not_found' | 'conflict' | 'unavailable' | 'internal';

/** Exit code and HTTP status per kind. Stable: scripts and clients may depend on them. */
export const ERROR_KINDS: Record<ErrorKind, { exit: number; status: number; title: string }> = {
  bad_input: { exit: 1, status: 400, title: 'Bad input' },
  usage: { exit: 2, status: 400, title: 'Bad request' },
  not_found: { exit: 3, status: 404, title: 'Not found' },
  conflict: { exit: 4, status: 409, title: 'Conflict' },
  unavailable: { exit: 5, status: 503, title: 'Unavailable' },
  internal: { exit: 70, status: 500, title: 'Internal error' },
};

export abstract class CogencyError extends Error {
  abstract readonly kind: ErrorKind;
  /** A stable machine-readable code, e.g. `input.invalid` or `store.busy`. */
  abstract readonly code: string;
}

/**
 * Bad input: always names the file, the line (1-based, header = line 1) and the field,
 * so a person can open the file and find the problem.
 */
export class InputError extends CogencyError {
  readonly kind = 'bad_input';
  readonly code: string = 'input.invalid';
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
export class UsageError extends CogencyError {
  readonly kind = 'usage';
  readonly code: string = 'usage';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** What was asked for does not exist (a measure, a place, a bill). */
export class NotFoundError extends CogencyError {
  readonly kind = 'not_found';
  constructor(
    message: string,
    readonly code: string = 'not_found',
  ) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** Another actor holds what is needed (another ingest is writing the store). Retry later. */
export class ConflictError extends CogencyError {
  readonly kind = 'conflict';
  constructor(
    message: string,
    readonly code: string = 'conflict',
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A resource is missing or failing (disk full, store not readable). Nothing was changed. */
export class UnavailableError extends CogencyError {
  readonly kind = 'unavailable';
  constructor(
    message: string,
    readonly code: string = 'unavailable',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UnavailableError';
  }
}

/** A bug: a state the program should never reach. */
export class InternalError extends CogencyError {
  readonly kind = 'internal';
  readonly code = 'internal';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InternalError';
  }
}

export function kindOf(e: unknown): ErrorKind {
  return e instanceof CogencyError ? e.kind : 'internal';
}

export function exitCodeOf(e: unknown): number {
  return ERROR_KINDS[kindOf(e)].exit;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
}

/** The RFC 9457 problem document for an error. Internal errors say nothing about their cause. */
export function problemOf(e: unknown): Problem {
  const kind = kindOf(e);
  const { status, title } = ERROR_KINDS[kind];
  if (!(e instanceof CogencyError) || kind === 'internal') {
    return { type: 'about:blank', title, status, detail: 'unexpected error', code: 'internal' };
  }
  return { type: 'about:blank', title, status, detail: e.message, code: e.code };
}
