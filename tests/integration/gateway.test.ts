// The gateway checks the apikey as Kong's key-auth does and answers CORS for browsers.
import { describe, expect, it } from "vitest";
import { stack } from "../helpers/supabase";

describe("gateway", () => {
  it("refuses /rest/v1 and /auth/v1 without an apikey, or with an unknown one", async () => {
    for (const path of ["/rest/v1/conformance_notes", "/auth/v1/settings"]) {
      const missing = await fetch(`${stack().apiUrl}${path}`);
      expect(missing.status).toBe(401);
      expect(await missing.json()).toEqual({ message: "No API key found in request" });
      const wrong = await fetch(`${stack().apiUrl}${path}`, { headers: { apikey: "not-a-key" } });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({ message: "Invalid authentication credentials" });
    }
  });

  it("accepts the apikey as a query parameter, as Kong does", async () => {
    const response = await fetch(`${stack().apiUrl}/auth/v1/settings?apikey=${stack().anonKey}`);
    expect(response.status).toBe(200);
  });

  it("answers a CORS preflight and exposes the headers supabase-js reads", async () => {
    const preflight = await fetch(`${stack().apiUrl}/rest/v1/conformance_notes`, {
      method: "OPTIONS",
      headers: {
        origin: "http://127.0.0.1:3000",
        "access-control-request-method": "POST",
        "access-control-request-headers": "apikey, authorization, content-type, prefer, x-client-info",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("apikey");
    const response = await fetch(`${stack().apiUrl}/rest/v1/conformance_notes?select=id`, {
      headers: { apikey: stack().anonKey, origin: "http://127.0.0.1:3000", prefer: "count=exact" },
    });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-expose-headers")?.toLowerCase()).toContain("content-range");
  });

  it("answers an unknown path with 404", async () => {
    const response = await fetch(`${stack().apiUrl}/nowhere`);
    expect(response.status).toBe(404);
  });
});
