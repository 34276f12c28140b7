/**
 * Why a single sign-on came back without signing anyone in. Only the code reaches the sign-in
 * page's address; the page words it (web/src/auth/ssoMessages.ts), so a link cannot carry text.
 */
export const SSO_REFUSALS = [
  "sso_unavailable",
  "sso_denied",
  "sso_provider_error",
  "sso_incomplete",
  "sso_not_this_browser",
  "sso_expired",
  "sso_failed",
  "sso_no_email",
  "sso_unverified",
  "sso_no_access",
  "sso_deactivated",
] as const;

export type SsoRefusal = (typeof SSO_REFUSALS)[number];
