import type { CodeOfKind, ErrorCode, ErrorDetails, KindOf } from './catalogue';

/**
 * Coded domain errors. Services throw these; the HTTP layer maps `kind` to a status code and the chat
 * layer maps `code` to a sentence. Every code, its kind and its `details` are in ./catalogue.ts.
 */
export * from './catalogue';

/** The details argument: optional for codes that may carry none, required for the others. */
type DetailsArg<C extends ErrorCode> = undefined extends ErrorDetails[C]
  ? [details?: ErrorDetails[C]]
  : [details: ErrorDetails[C]];

export class DomainError<C extends ErrorCode = ErrorCode> extends Error {
  readonly details: ErrorDetails[C];

  constructor(
    readonly kind: NoInfer<KindOf<C>>,
    readonly code: C,
    message: string,
    ...[details]: DetailsArg<C>
  ) {
    super(message);
    this.name = 'DomainError';
    this.details = details as ErrorDetails[C];
  }
}

/** A domain error of one of the codes C, as a union that narrows on `code` (and so types `details`). */
export type DomainErrorOf<C extends ErrorCode> = { [K in C]: DomainError<K> }[C];
export type AnyDomainError = DomainErrorOf<ErrorCode>;

function make<C extends ErrorCode>(kind: KindOf<C>, code: C, message: string, details: ErrorDetails[C] | undefined) {
  return new DomainError<C>(kind, code, message, ...([details] as DetailsArg<C>));
}

// Each factory accepts only the codes the catalogue lists for its kind.
export const badRequest = <C extends CodeOfKind<'bad_request'>>(code: C, message: string, ...[d]: DetailsArg<C>) =>
  make('bad_request' as KindOf<C>, code, message, d);
export const validationError = <C extends CodeOfKind<'validation'>>(code: C, message: string, ...[d]: DetailsArg<C>) =>
  make('validation' as KindOf<C>, code, message, d);
export const notFound = <C extends CodeOfKind<'not_found'>>(code: C, message: string, ...[d]: DetailsArg<C>) =>
  make('not_found' as KindOf<C>, code, message, d);
export const conflict = <C extends CodeOfKind<'conflict'>>(code: C, message: string, ...[d]: DetailsArg<C>) =>
  make('conflict' as KindOf<C>, code, message, d);
export const forbidden = <C extends CodeOfKind<'forbidden'>>(code: C, message: string, ...[d]: DetailsArg<C>) =>
  make('forbidden' as KindOf<C>, code, message, d);
export const unauthenticated = <C extends CodeOfKind<'unauthenticated'>>(
  code: C,
  message: string,
  ...[d]: DetailsArg<C>
) => make('unauthenticated' as KindOf<C>, code, message, d);

/**
 * Whether `err` is a domain error (of one of `codes`, when given). Narrowing on `err.code` afterwards
 * types `err.details` by the catalogue, so no caller casts `details`.
 */
export function isDomainError<C extends ErrorCode>(err: unknown, ...codes: [C, ...C[]]): err is DomainErrorOf<C>;
export function isDomainError(err: unknown): err is AnyDomainError;
export function isDomainError(err: unknown, ...codes: ErrorCode[]): boolean {
  return err instanceof DomainError && (codes.length === 0 || codes.includes(err.code));
}
