/**
 * Coded domain errors. Services throw these; the HTTP layer maps `kind` to a status code and the chat
 * layer maps `code` to a sentence. Codes are stable snake_case strings that clients may rely on.
 */
export type ErrorKind =
  | 'validation' // the request is malformed or breaks a rule of the domain (400/422)
  | 'unauthenticated' // no or a bad credential (401)
  | 'forbidden' // authenticated but not allowed (403)
  | 'not_found' // 404
  | 'conflict' // the state of the world changed under the caller (409)
  | 'gone' // it existed but is no longer usable, e.g. an expired quote (410)
  | 'rate_limited' // 429
  | 'unavailable' // a dependency is down (503)
  | 'internal'; // our fault (500)

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const validationError = (code: string, message: string, details?: unknown) =>
  new DomainError('validation', code, message, details);
export const notFound = (code: string, message: string, details?: unknown) =>
  new DomainError('not_found', code, message, details);
export const conflict = (code: string, message: string, details?: unknown) =>
  new DomainError('conflict', code, message, details);
export const forbidden = (code: string, message: string) => new DomainError('forbidden', code, message);
export const unauthenticated = (code: string, message: string) => new DomainError('unauthenticated', code, message);

export function isDomainError(err: unknown, code?: string): err is DomainError {
  return err instanceof DomainError && (code === undefined || err.code === code);
}
