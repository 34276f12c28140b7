import { t } from "i18next";
import type { SsoRefusal } from "../../../src/domain/accounts/sso-refusals.ts";

// What the sign-in page says for each way single sign-on can come back refused. The address
// carries only the code; unknown codes get the general line. The values are message keys.
const MESSAGES: Record<SsoRefusal, string> = {
  sso_unavailable: "ssoMessages.unavailable",
  sso_denied: "ssoMessages.denied",
  sso_provider_error: "ssoMessages.providerError",
  sso_incomplete: "ssoMessages.incomplete",
  sso_not_this_browser: "ssoMessages.notThisBrowser",
  sso_expired: "ssoMessages.expired",
  sso_failed: "ssoMessages.failed",
  sso_no_email: "ssoMessages.noEmail",
  sso_unverified: "ssoMessages.unverified",
  sso_no_access: "ssoMessages.noAccess",
  sso_deactivated: "ssoMessages.deactivated",
};

export function ssoMessage(code: string, provider: string): string {
  const key = (MESSAGES as Record<string, string | undefined>)[code];
  return t(key ?? "ssoMessages.general", { provider });
}
