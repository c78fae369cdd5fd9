// Every answer of the app carries the headers that stop MIME sniffing, framing and leaking full
// URLs to other origins: pages and API routes alike, signed in or not. Session cookies are out of
// reach of scripts and of other sites, and other sites cannot make a signed-in browser write.
import { describe, expect, it } from "vitest";
import { sql } from "../helpers/db";
import { SEEDED_PASSWORD } from "../helpers/factories";
import { appUrl, callApp, signInCookies, storageKey, withAccessTokenClaims } from "../helpers/session";

describe("security headers", () => {
  it.each(["/login", "/api/exports", "/api/no-such-route"])("are on %s", async (path) => {
    const response = await callApp(path);
    await response.body?.cancel();
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });
});

describe("session cookies and cross-site writes", () => {
  it("sets the session cookie HttpOnly and SameSite=Lax when the server refreshes it", async () => {
    const cookies = await signInCookies("viewer@deskops.local", SEEDED_PASSWORD);
    const expired = await withAccessTokenClaims(cookies, (claims) => ({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }));
    const response = await callApp("/dashboard", { cookies: expired });
    await response.body?.cancel();
    const sessionCookies = response.headers.getSetCookie().filter((cookie) => cookie.startsWith(storageKey()));
    expect(sessionCookies.length).toBeGreaterThan(0);
    for (const cookie of sessionCookies) {
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect(cookie).toMatch(/; Path=\//i);
    }
  });

  it("refuses a write a page on another site makes the browser send, and saves nothing", async () => {
    const cookies = await signInCookies("admin@deskops.local", SEEDED_PASSWORD);
    const code = `XS${Date.now().toString(36).slice(-6).toUpperCase()}`;
    const attempt = (headers: Record<string, string>) =>
      callApp("/api/sites", { method: "POST", cookies, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ code, name: "Cross-site", timezone: "UTC" }) });
    const foreign: Array<Record<string, string>> = [{ origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }];
    for (const headers of foreign) {
      const response = await attempt(headers);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await sql("select id from public.sites where code = $1", [code])).toEqual([]);
    // The app's own pages send their origin: that passes.
    const own = await attempt({ origin: new URL(appUrl()).origin, "sec-fetch-site": "same-origin" });
    expect(own.status).toBe(201);
  });
});

describe("content security policy", () => {
  it("gives every page a fresh nonce, on every script Next writes, and allows scripts with it only", async () => {
    const policies: string[] = [];
    for (let visit = 0; visit < 2; visit += 1) {
      const response = await callApp("/login");
      const html = await response.text();
      const policy = response.headers.get("content-security-policy") ?? "";
      policies.push(policy);
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce).toBeTruthy();
      expect(policy).toContain("'strict-dynamic'");
      expect(policy).toContain("object-src 'none'");
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
    }
    expect(policies[0]).not.toBe(policies[1]);
  });
});
