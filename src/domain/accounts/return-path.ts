// Where a sign-in may send the browser afterwards.

/** A path on this site only: "/w/x", never "//evil.example" or "https://…". */
export function safeReturnTo(value: string | undefined): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value.length > 2_000 ? "/" : value;
}
