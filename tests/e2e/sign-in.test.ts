// Signing in and out in Chromium: the login form, its errors in place, the way back to the page
// asked for, a forgotten password through the emailed link, an expired access token refreshed by
// proxy.ts, and a session that ends under an open page without losing what was typed.
import { describe, expect, it } from "vitest";
import { browserForThisFile, newContext, screenshot, signedInContext, signInWithForm, waitUntilLive } from "../helpers/app-browser";
import { SEEDED_PASSWORD, createSite, dispatchRow, insertRows, memberOf } from "../helpers/factories";
import { appUrl, sessionFromCookies, signInCookies, storageKey, withAccessTokenClaims } from "../helpers/session";
import { TEST_PASSWORD, serviceClient, stack } from "../helpers/supabase";

const browser = browserForThisFile();

const WRONG = "That email and password do not match an account. Check both and try again.";

describe("e2e: sign-in", () => {
  it("sends a signed-out visitor to /login and, once signed in, to the page they asked for", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto("/dispatch?status=pending");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/dispatch?status=pending");
    await screenshot(page, "login");
    await signInWithForm(page, "manager@deskops.local", SEEDED_PASSWORD);
    await page.waitForURL((url) => url.pathname === "/dispatch");
    expect(new URL(page.url()).searchParams.get("status")).toBe("pending");
    await waitUntilLive(page);
    await expect.poll(() => page.locator("#filter-status").innerText()).toBe("Pending");
    await screenshot(page, "dispatch-after-sign-in");
    await context.close();
  });

  it("says in place that a wrong password or an unknown user does not match, keeping the email", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto("/login");
    for (const [email, password] of [
      ["operator@deskops.local", "not-the-password"],
      ["nobody-here@deskops.local", SEEDED_PASSWORD],
    ] as const) {
      await signInWithForm(page, email, password);
      // The password is emptied when the answer arrives (the same message may still show from before).
      await expect.poll(() => page.getByLabel("Password").inputValue()).toBe("");
      expect(await page.getByTestId("form-error").innerText()).toBe(WRONG);
      expect(new URL(page.url()).pathname).toBe("/login");
      expect(await page.getByLabel("Email").inputValue()).toBe(email);
    }
    await screenshot(page, "login-wrong-password");
    await context.close();
  });

  it("asks for both fields before calling the server", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByText("Enter your email").count()).toBe(1);
    expect(await page.getByText("Enter your password").count()).toBe(1);
    expect(await page.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    await context.close();
  });

  it("sends / to the dashboard when signed in and to /login when not", async () => {
    const signedOut = await newContext(browser());
    const outPage = await signedOut.newPage();
    await outPage.goto("/");
    expect(new URL(outPage.url()).pathname).toBe("/login");
    await signedOut.close();
    const signedIn = await signedInContext(browser(), "viewer@deskops.local", SEEDED_PASSWORD);
    const inPage = await signedIn.newPage();
    await inPage.goto("/");
    expect(new URL(inPage.url()).pathname).toBe("/dashboard");
    await inPage.goto("/login");
    expect(new URL(inPage.url()).pathname).toBe("/dashboard");
    await signedIn.close();
  });

  it("signs out from the user menu", async () => {
    const context = await signedInContext(browser(), "viewer@deskops.local", SEEDED_PASSWORD);
    const page = await context.newPage();
    await page.goto("/dashboard");
    await waitUntilLive(page);
    await page.getByTestId("user-menu").click();
    await screenshot(page, "user-menu");
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    await page.goto("/dashboard");
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });

  it("refreshes an expired access token in proxy.ts and sets the new session cookie", async () => {
    const signedIn = await signInCookies("operator@deskops.local", SEEDED_PASSWORD);
    const expired = await withAccessTokenClaims(signedIn, (claims) => ({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }));
    const context = await newContext(browser());
    await context.addCookies(expired.map(({ name, value }) => ({ name, value, url: appUrl() })));
    const page = await context.newPage();
    await page.goto("/dashboard");
    expect(new URL(page.url()).pathname).toBe("/dashboard");
    const after = (await context.cookies()).filter((cookie) => cookie.name.startsWith(storageKey()));
    const session = await sessionFromCookies(after);
    expect(session.expires_at).toBeGreaterThan(Date.now() / 1000);
    await context.close();
  });

  it("resets a forgotten password through the link in the local inbox", async () => {
    const site = await createSite();
    const user = await memberOf(site.id, "operator", "forgetful");
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await page.waitForURL((url) => url.pathname === "/forgot-password");
    await page.getByLabel("Email").fill(user.email);
    await page.getByRole("button", { name: "Email me a link" }).click();
    await expect.poll(() => page.getByTestId("form-message").innerText()).toContain(user.email);
    await screenshot(page, "forgot-password-sent");

    const mails = await fetch(`${stack().apiUrl}/inbox/api/messages?to=${encodeURIComponent(user.email)}`).then((response) => response.json() as Promise<Array<{ links: string[] }>>);
    const link = mails[0]?.links[0];
    expect(link).toBeDefined();
    await page.goto(link ?? "");
    await page.waitForURL((url) => url.pathname === "/reset-password");
    await screenshot(page, "reset-password");
    await page.getByLabel("New password").fill("a-brand-new-secret");
    await page.getByLabel("Repeat it").fill("a-brand-new-secret");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await page.waitForURL((url) => url.pathname === "/dashboard");

    const old = await serviceClient().auth.signInWithPassword({ email: user.email, password: TEST_PASSWORD });
    expect(old.error?.code).toBe("invalid_credentials");
    const renewed = await serviceClient().auth.signInWithPassword({ email: user.email, password: "a-brand-new-secret" });
    expect(renewed.error).toBeNull();
    await context.close();
  }, 60_000);

  it("says a used reset link has expired and offers a new one", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto("/auth/confirm?code=not-a-real-code&next=/reset-password");
    expect(new URL(page.url()).pathname).toBe("/forgot-password");
    expect(await page.getByTestId("form-message").innerText()).toContain("expired or was already used");
    await context.close();
  });

  it("keeps what was typed when the session ends under an open page, and saves it after signing in again", async () => {
    const site = await createSite();
    const manager = await memberOf(site.id, "manager", "returning");
    const [dispatch] = await insertRows<{ id: string }>("dispatches", [dispatchRow(site.id, { lh_trip: "LH-EXPIRY-1", created_by: manager.id })]);
    const context = await signedInContext(browser(), manager.email, TEST_PASSWORD);
    const page = await context.newPage();
    const address = `/dispatch?site=${site.code}&row=${dispatch!.id}`;
    await page.goto(address);
    await waitUntilLive(page);
    await page.getByLabel("Remarks").fill("Gate 3 closed after 18:00");

    await context.clearCookies(); // the session ends (signed out elsewhere, revoked, expired)
    await page.getByRole("button", { name: "Save remarks" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    expect(await page.getByTestId("session-expired").isVisible()).toBe(true);
    await screenshot(page, "login-session-expired");

    await signInWithForm(page, manager.email, TEST_PASSWORD);
    await page.waitForURL((url) => url.pathname === "/dispatch" && url.searchParams.get("row") === dispatch!.id);
    await expect.poll(() => page.getByLabel("Remarks").inputValue()).toBe("Gate 3 closed after 18:00");
    await page.getByRole("button", { name: "Save remarks" }).click();
    await expect.poll(async () => (await serviceClient().from("dispatches").select("remarks").eq("id", dispatch!.id).single()).data?.remarks).toBe("Gate 3 closed after 18:00");
    await context.close();
  });
});
