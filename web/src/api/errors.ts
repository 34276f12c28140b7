// Every API error is application/problem+json (RFC 9457) naming the fields at fault; the client
// turns it into an ApiError the pages can read without guessing.

export interface FieldError {
  field: string;
  message: string;
}

const OPEN_CHILDREN = "open_children";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];
  /** Extra members of the problem, e.g. currentVersion on 409. */
  readonly extra: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    detail: string,
    fieldErrors: FieldError[] = [],
    extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.fieldErrors = fieldErrors;
    this.extra = extra;
  }

  /** The message for one field, e.g. "subject". */
  fieldMessage(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message;
  }

  /** Someone else changed it meanwhile; a 409 that asks for a confirmation is not one. */
  get isConflict(): boolean {
    return this.status === 409 && this.code !== OPEN_CHILDREN;
  }

  /** Closing a case whose children are still open: the numbers to confirm (S4.9). */
  get openChildren(): number[] | null {
    const open = this.extra.openChildren;
    return this.code === OPEN_CHILDREN && Array.isArray(open) ? open.map(Number) : null;
  }

  get currentVersion(): number | undefined {
    const v = this.extra.currentVersion;
    return typeof v === "number" ? v : undefined;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const FALLBACK: Record<number, string> = {
  0: "The server could not be reached. Check your connection and try again.",
  401: "Please sign in.",
  403: "You are not allowed to do this.",
  404: "Not found.",
  409: "Someone else changed this meanwhile.",
  413: "That is too large to send.",
  429: "Too many attempts. Wait a few minutes and try again.",
  500: "Something went wrong on the server.",
  502: "The server is not reachable right now.",
  503: "The server is not available right now.",
};

const KNOWN = new Set(["type", "title", "status", "code", "detail", "errors", "instance"]);

/** Builds an ApiError from a response status and its parsed body (anything, or nothing). */
export function parseProblem(status: number, body: unknown): ApiError {
  const fallback = FALLBACK[status] ?? `The request failed (${status}).`;
  if (!isRecord(body))
    return new ApiError(status, status === 0 ? "network" : "http_error", fallback);
  const code = typeof body.code === "string" ? body.code : "http_error";
  const detail =
    typeof body.detail === "string" && body.detail
      ? body.detail
      : typeof body.title === "string" && body.title
        ? body.title
        : fallback;
  const fieldErrors: FieldError[] = Array.isArray(body.errors)
    ? body.errors.flatMap((e) =>
        isRecord(e) && typeof e.field === "string"
          ? [{ field: e.field, message: typeof e.message === "string" ? e.message : "is invalid" }]
          : [],
      )
    : [];
  const extra = Object.fromEntries(Object.entries(body).filter(([k]) => !KNOWN.has(k)));
  return new ApiError(status, code, detail, fieldErrors, extra);
}

/** Text for a person: the server's detail, or a sensible sentence for unknown errors. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong.";
}

/** Field errors by field name, for forms. */
export function fieldErrorMap(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.fieldErrors.map((e) => [e.field, e.message]));
}
