// Every /api answer is JSON in the error shape, also for a method a route does not serve (405 with
// Allow; Next's own 405 has an empty body) and for an address that does not decode (400). The routes are read from app/api, so a new route that
// forgets its otherMethods(...) line fails here.
import { describe, expect, it } from "vitest";
import { HTTP_METHODS } from "@/lib/api/methods";
import { apiRoutes, fillPattern } from "../helpers/routes";
import { callApp } from "../helpers/session";

async function routeFiles() {
  return (await apiRoutes()).map((route) => ({ url: fillPattern(route.pattern, { kind: "materials" }), allowed: route.allowed }));
}

describe("api: methods", () => {
  it("declares the methods of every route", async () => {
    const routes = await routeFiles();
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.filter((route) => route.allowed.length === 0).map((route) => route.url)).toEqual([]);
  });

  it("answers every other method with 405 JSON and Allow, on every route", async () => {
    for (const route of await routeFiles()) {
      for (const method of HTTP_METHODS.filter((candidate) => !route.allowed.includes(candidate))) {
        const response = await callApp(route.url, { method });
        expect([route.url, method, response.status, response.headers.get("allow")]).toEqual([route.url, method, 405, route.allowed.join(", ")]);
        expect(await response.json()).toEqual({ code: "METHOD_NOT_ALLOWED", message: `This address answers ${route.allowed.join(", ")} only.` });
      }
    }
  }, 90_000); // every route, compiled by next dev on its first request

  it("lets no caller without a session past any route but the health check and the signed webhook", async () => {
    const open: string[] = [];
    for (const route of await routeFiles()) {
      for (const method of route.allowed) {
        const response = await callApp(route.url, { method, ...(method === "GET" ? {} : { body: "{}", headers: { "content-type": "application/json" } }) });
        const answer = (await response.json()) as { code?: string };
        if (response.status !== 401 || answer.code !== "UNAUTHORIZED") open.push(`${method} ${route.url} → ${response.status}`);
      }
    }
    // The health check is public (seed 001); the webhook's proof is its signature, refused here (401) or unconfigured (503).
    expect(open.filter((entry) => !entry.startsWith("GET /api/hello →") && !/^POST \/api\/webhooks\/google-sheets → (401|503)$/.test(entry))).toEqual([]);
  }, 90_000); // every route, compiled by next dev on its first request

  it("answers an address whose %-escapes do not decode with a 400 in the error shape, and decodes good ones", async () => {
    for (const path of ["/api/dispatch/%F0", "/api/dispatch/%ZZ", "/api/sites/%E0%A4%A", "/api/no-such/%"]) {
      const response = await callApp(path);
      expect([path, response.status]).toEqual([path, 400]);
      expect(await response.json()).toEqual({ code: "VALIDATION_ERROR", message: "The address is not valid: a %-escape in it does not decode." });
    }
    const encoded = await callApp("/api/lookups/clusters%3Fq");
    expect(encoded.status).toBe(401); // a good escape reaches the route, which asks for a session
  });
});
