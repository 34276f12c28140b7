// Domain errors carry a stable code; only the HTTP layer turns them into status codes.
export type ErrorKind =
  | "validation"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  /** It existed and is used up or withdrawn for good (an invitation link). */
  | "gone"
  | "rule"
  | "too_large"
  | "unsupported_type"
  | "rate_limited";

export interface FieldIssue {
  field: string;
  message: string;
}

export class DomainError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly issues: FieldIssue[];
  readonly details: Record<string, unknown> | undefined;

  constructor(
    kind: ErrorKind,
    code: string,
    message: string,
    options: { issues?: FieldIssue[]; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.kind = kind;
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details;
  }
}

export const invalid = (field: string, message: string): DomainError =>
  new DomainError("validation", "invalid_input", `${field}: ${message}`, {
    issues: [{ field, message }],
  });

/** Several fields refused at once (400): each named with what is wrong with it. */
export const invalidFields = (issues: FieldIssue[]): DomainError =>
  new DomainError(
    "validation",
    "invalid_input",
    issues.map((i) => `${i.field}: ${i.message}`).join("; "),
    { issues },
  );

export const notFound = (what: string): DomainError =>
  new DomainError("not_found", "not_found", `${what} not found`);

export const forbidden = (message = "You are not allowed to do this"): DomainError =>
  new DomainError("forbidden", "forbidden", message);

export const conflict = (message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError("conflict", "version_conflict", message, details ? { details } : {});

export const ruleBroken = (code: string, message: string, field?: string): DomainError =>
  new DomainError("rule", code, message, field ? { issues: [{ field, message }] } : {});

/** Something sent is over a size limit (413), naming the field. */
export const tooLarge = (field: string, message: string): DomainError =>
  new DomainError("too_large", "too_large", `${field}: ${message}`, {
    issues: [{ field, message }],
  });

/** A kind of file or content Baton does not take here (415), naming the field. */
export const unsupportedType = (field: string, code: string, message: string): DomainError =>
  new DomainError("unsupported_type", code, `${field}: ${message}`, {
    issues: [{ field, message }],
  });

/**
 * A desk request's refusal as an error: one that moved on meanwhile is a conflict (409), a
 * person who may not act is forbidden (403).
 */
export const refusedMove = (why: { kind: "state" | "who"; message: string }): DomainError =>
  why.kind === "state" ? conflict(why.message) : forbidden(why.message);
