// Every API error is application/problem+json (RFC 9457) naming the fields at fault; the client
// turns it into an ApiError the pages can read without guessing.
import { t } from "i18next";

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

/** What to say when the server sends no words of its own: message keys by status. */
const FALLBACK: Record<number, string> = {
  0: "apiErrors.unreachable",
  401: "apiErrors.signIn",
  403: "apiErrors.notAllowed",
  404: "apiErrors.notFound",
  409: "apiErrors.conflict",
  413: "apiErrors.tooLarge",
  429: "apiErrors.tooManyAttempts",
  500: "apiErrors.serverError",
  502: "apiErrors.notReachable",
  503: "apiErrors.notAvailable",
};

const KNOWN = new Set(["type", "title", "status", "code", "detail", "errors", "instance"]);

/** Builds an ApiError from a response status and its parsed body (anything, or nothing). */
export function parseProblem(status: number, body: unknown): ApiError {
  const fallback = t(FALLBACK[status] ?? "apiErrors.requestFailed", { status });
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
          ? [
              {
                field: e.field,
                message: typeof e.message === "string" ? e.message : t("apiErrors.isInvalid"),
              },
            ]
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
  return t("apiErrors.somethingWentWrong");
}

/** Field errors by field name, for forms. */
export function fieldErrorMap(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.fieldErrors.map((e) => [e.field, e.message]));
}
