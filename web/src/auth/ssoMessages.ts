import type { SsoRefusal } from "../../../src/domain/accounts/sso-refusals.ts";

// What the sign-in page says for each way single sign-on can come back refused. The address
// carries only the code; unknown codes get the general line.
const MESSAGES: Record<SsoRefusal, (provider: string) => string> = {
  sso_unavailable: (p) => `${p} cannot be reached just now. Try again in a moment.`,
  sso_denied: (p) => `${p} did not let you in.`,
  sso_provider_error: (p) => `${p} refused the sign-in. Try again, or ask your administrator.`,
  sso_incomplete: () => "The sign-in came back incomplete. Start again.",
  sso_not_this_browser: () =>
    "This sign-in was started in another browser or tab that has since closed. Start again here.",
  sso_expired: () => "This sign-in took too long or was already used. Start again.",
  sso_failed: (p) => `${p} did not confirm who you are. Try again.`,
  sso_no_email: (p) => `${p} did not tell Baton your email address. Ask your administrator.`,
  sso_unverified: (p) =>
    `${p} has not verified your email address, so it cannot sign in to the Baton account with it. Sign in with your password, or ask your administrator.`,
  sso_no_access: () =>
    "Your account has no access to Baton yet. Ask an administrator to invite you.",
  sso_deactivated: () => "This account is deactivated. Ask an administrator if this is wrong.",
};

export function ssoMessage(code: string, provider: string): string {
  const say = (MESSAGES as Record<string, ((p: string) => string) | undefined>)[code];
  return say ? say(provider) : "Single sign-on did not work. Try again.";
}
