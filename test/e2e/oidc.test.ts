// Issue 15 in the browser: "Sign in with …" goes to a real OpenID provider on loopback and comes
// back signed in, into the workspace the configuration maps; a refusal at the provider comes back
// as a readable message on the sign-in page.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestProvider, type TestProvider } from "../support/oidc-provider.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

describe.skipIf(!hasChromium)("single sign-on in the browser", () => {
  let stage: Stage;
  let provider: TestProvider;
  beforeAll(async () => {
    const port = await freePort();
    const callback = `http://127.0.0.1:${port}/api/v1/auth/oidc/callback`;
    provider = await startTestProvider([callback]);
    stage = await openStage({
      PORT: String(port),
      BATON_OIDC_ISSUER: provider.issuer,
      BATON_OIDC_CLIENT_ID: provider.clientId,
      BATON_OIDC_CLIENT_SECRET: provider.clientSecret,
      BATON_OIDC_NAME: "Corp Login",
      BATON_OIDC_REDIRECT_URL: callback,
      BATON_OIDC_PROVISION: JSON.stringify({
        default: [{ workspace: "follow-the-sun", role: "agent" }],
      }),
    });
  }, 180_000);
  afterAll(async () => {
    await stage?.dispose();
    await provider?.close();
  });

  it("signs in through the identity provider and lands where the person was going", async () => {
    provider.signInAs({
      sub: "corp-4711",
      email: "lea.brandt@corp.example",
      email_verified: true,
      name: "Lea Brandt",
    });
    const page = await (await stage.person()).newPage();
    await page.goto("/w/follow-the-sun/all");
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await stage.shot(page, "sign-in-sso");
    await page.getByRole("link", { name: "Sign in with Corp Login" }).click();
    await page.getByRole("navigation").first().waitFor();
    expect(new URL(page.url()).pathname).toBe("/w/follow-the-sun/all");
    await page.locator(".user-button").getByText("Lea Brandt").waitFor();
  });

  it("comes back to the sign-in page with the provider's refusal in words", async () => {
    provider.signInAs(null);
    const page = await (await stage.person()).newPage();
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Sign in with Corp Login" }).click();
    await page.getByText("Corp Login did not let you in").waitFor();
    // Passwords still work beside it.
    expect(await page.getByLabel("Password").count()).toBe(1);
    // The address carries a code only: a crafted link cannot put its own words on the page.
    await page.goto("/sign-in?sso_error=Your%20account%20is%20locked%2C%20call%20%2B1-555-0100");
    await page.getByText("Single sign-on did not work. Try again.").waitFor();
    expect(await page.getByText(/555-0100/).count()).toBe(0);
  });
});
