// Where to send someone after sign-in: only paths inside this app.

/** A same-app path from untrusted input, or "/": never "//host", a URL, or the sign-in page. */
export function safeReturnPath(path: string | null | undefined): string {
  if (!path?.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/";
  if ([...path].some((ch) => (ch.codePointAt(0) ?? 0) < 0x20)) return "/";
  if (path === "/sign-in" || path.startsWith("/sign-in?") || path.startsWith("/sign-in/"))
    return "/";
  return path;
}

/** "#123", "123" → 123; anything else → null. For the search box's jump to a case. */
export function caseNumberIn(text: string): number | null {
  const digits = /^#?\s*(\d{1,15})$/.exec(text.trim())?.[1];
  if (!digits) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
