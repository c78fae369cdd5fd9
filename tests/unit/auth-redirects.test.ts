// GoTrue's rule for where an email link may send the user (the local auth server follows it), and
// how the app words what GoTrue answers.
import { describe, expect, it } from "vitest";
import { globPattern, isAllowedRedirect } from "@/local/auth/redirects";
import { authFailureOf } from "@/lib/queries/auth";

const SITE = "http://127.0.0.1:3000";

describe("isAllowedRedirect", () => {
  it("allows the site's host, any port on loopback, and loopback addresses", () => {
    expect(isAllowedRedirect("http://127.0.0.1:3000/auth/confirm?next=/x", SITE, [])).toBe(true);
    expect(isAllowedRedirect("http://127.0.0.1:41234/auth/confirm", SITE, [])).toBe(true);
    expect(isAllowedRedirect("http://localhost:5000/", "http://localhost:3000", [])).toBe(true);
    expect(isAllowedRedirect("https://desk.example.com/a", "https://desk.example.com", [])).toBe(true);
    expect(isAllowedRedirect("https://desk.example.com:8443/a", "https://desk.example.com", [])).toBe(false);
  });

  it("refuses other hosts unless a glob of the allow list matches", () => {
    expect(isAllowedRedirect("https://evil.example/phish", SITE, [])).toBe(false);
    const allow = ["https://*.deskops.app/**", "https://preview.example.com/auth/*"];
    expect(isAllowedRedirect("https://staging.deskops.app/auth/confirm?next=/x", SITE, allow)).toBe(true);
    expect(isAllowedRedirect("https://a.b.deskops.app/", SITE, allow)).toBe(false); // * stops at "."
    expect(isAllowedRedirect("https://preview.example.com/auth/confirm", SITE, allow)).toBe(true);
    expect(isAllowedRedirect("https://preview.example.com/auth/x/y", SITE, allow)).toBe(false); // * stops at "/"
    expect(isAllowedRedirect("not a url", SITE, allow)).toBe(false);
  });

  it("reads a glob's wildcards and nothing else", () => {
    // ? is one character (a regex would read it as "optional a" and match ".../ab").
    expect(globPattern("https://x.com/a?b").test("https://x.com/acb")).toBe(true);
    expect(globPattern("https://x.com/a?b").test("https://x.com/ab")).toBe(false);
    expect(globPattern("https://x.com/(a)").test("https://x.com/(a)")).toBe(true);
  });
});

describe("authFailureOf", () => {
  it("tells the failures a person can act on apart", () => {
    expect(authFailureOf({ status: 400, code: "invalid_credentials" })).toBe("invalid_credentials");
    expect(authFailureOf({ status: 0, name: "AuthRetryableFetchError" })).toBe("unavailable");
    expect(authFailureOf({ status: 502 })).toBe("unavailable");
    expect(authFailureOf({ status: 429, code: "over_request_rate_limit" })).toBe("rate_limited");
    expect(authFailureOf({ status: 422, code: "same_password" })).toBe("same_password");
    expect(authFailureOf({ status: 403, code: "otp_expired" })).toBe("link_expired");
  });
});
