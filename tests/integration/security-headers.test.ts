// Every answer of the app carries the headers that stop MIME sniffing, framing and leaking full
// URLs to other origins: pages and API routes alike, signed in or not.
import { describe, expect, it } from "vitest";
import { callApp } from "../helpers/session";

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
