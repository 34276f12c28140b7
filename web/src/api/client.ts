// The one way the page talks to the API: same-origin cookies, JSON both ways, the CSRF token on
// every write, and problem+json turned into ApiError.

import { t } from "i18next";
import { ApiError, parseProblem } from "./errors.ts";

const SAFE = new Set(["GET", "HEAD"]);

let csrfToken: string | null = null;
let onUnauthorized: ((error: ApiError) => void) | null = null;

/** Set from the sign-in or session response; cleared on sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401 (the session ended or expired). */
export function setUnauthorizedHandler(handler: ((error: ApiError) => void) | null): void {
  onUnauthorized = handler;
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestOptions {
  body?: unknown;
  query?: URLSearchParams | Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Sign-in and the session probe handle 401 themselves. */
  skipUnauthorizedHandler?: boolean;
}

export const API_BASE = "/api/v1";

function queryString(query: RequestOptions["query"]): string {
  if (!query) return "";
  const params =
    query instanceof URLSearchParams
      ? query
      : new URLSearchParams(
          Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
        );
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** Headers for a request: JSON, and the CSRF token on writes. Exported for tests. */
export function requestHeaders(
  method: Method,
  hasBody: boolean,
  token: string | null,
  extra: Record<string, string> = {},
): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json", ...extra };
  if (hasBody) headers["content-type"] = "application/json";
  if (!SAFE.has(method) && token) headers["x-csrf-token"] = token;
  return headers;
}

export async function request<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const hasBody = options.body !== undefined;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${queryString(options.query)}`, {
      method,
      credentials: "same-origin",
      headers: requestHeaders(method, hasBody, csrfToken, options.headers),
      body: hasBody ? JSON.stringify(options.body) : null,
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw parseProblem(0, undefined);
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get("content-type") ?? "";
  const json: unknown = type.includes("json")
    ? await response.json().catch(() => undefined)
    : undefined;
  if (!response.ok) {
    const error = parseProblem(response.status, json);
    if (error.status === 401 && !options.skipUnauthorizedHandler) onUnauthorized?.(error);
    throw error;
  }
  return json as T;
}

/**
 * One file as multipart/form-data, through XMLHttpRequest: fetch cannot report upload progress.
 * Same cookies, CSRF token and problem+json handling as `request`.
 */
export function upload<T>(
  path: string,
  field: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${API_BASE}${path}`);
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(requestHeaders("POST", false, csrfToken)))
      xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(parseProblem(0, undefined));
    xhr.onabort = () => reject(new DOMException(t("apiErrors.uploadCancelled"), "AbortError"));
    xhr.onload = () => {
      let json: unknown;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        json = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(json as T);
      else {
        const error = parseProblem(xhr.status, json);
        if (error.status === 401) onUnauthorized?.(error);
        reject(error);
      }
    };
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append(field, file, file.name);
    xhr.send(form);
  });
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>("GET", path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>("POST", path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>("PATCH", path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>("PUT", path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>("DELETE", path, options),
};

export { ApiError };
