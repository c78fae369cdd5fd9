// Tokens nobody issued: signed with another key, unsigned, tampered with, expired, or claiming a
// role they may not take. Straight at PostgREST and through the API, each is refused with 401 and
// reads nothing; the real token of the same user still works, so the refusals are the tokens'.
import { createClient } from "@supabase/supabase-js";
import { beforeAll, describe, expect, it } from "vitest";
import { serverRealtime } from "@/lib/supabase/server-transport";
import { signJwt, type JwtClaims } from "@/local/jwt";
import { createSite, dispatchRow, insertRows, memberOf, type TestUser } from "../helpers/factories";
import { callApp, sessionFromCookies, signInCookies, withAccessTokenClaims, withStoredSession, type Cookie } from "../helpers/session";
import { TEST_PASSWORD, stack } from "../helpers/supabase";

let manager: TestUser;
let cookies: Cookie[];
let token: string;
let claims: JwtClaims;
let siteId: string;

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  const site = await createSite();
  siteId = site.id;
  manager = await memberOf(site.id, "manager", "forged");
  await insertRows("dispatches", [dispatchRow(site.id)]);
  cookies = await signInCookies(manager.email, TEST_PASSWORD);
  token = (await sessionFromCookies(cookies)).access_token;
  claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as JwtClaims;
}, 60_000);

/** PostgREST through the gateway, with `bearer` as the user's token. */
async function readAs(bearer: string) {
  const client = createClient(stack().apiUrl, stack().anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: serverRealtime,
    global: { headers: { Authorization: `Bearer ${bearer}` } },
  });
  return client.from("dispatches").select("id").eq("site_id", siteId);
}

const forged = (): Array<[string, string]> => {
  const [header, , signature] = token.split(".") as [string, string, string];
  return [
    ["signed with another key", signJwt(claims, "not-the-project-secret-not-the-project-secret")],
    ["unsigned (alg none)", `${base64url({ alg: "none", typ: "JWT" })}.${base64url(claims)}.`],
    ["a real signature over a changed payload", `${header}.${base64url({ ...claims, sub: "00000000-0000-4000-8000-000000000000" })}.${signature}`],
    ["expired", signJwt({ ...claims, exp: now() - 60 }, stack().jwtSecret)],
    ["claiming the service role, signed with another key", signJwt({ ...claims, role: "service_role" }, "another-secret-another-secret-another-secret")],
    ["garbage", "not.a.token"],
  ];
};

describe("forged and expired tokens", () => {
  it("are refused by PostgREST with 401, while the real token reads the site", async () => {
    const real = await readAs(token);
    expect(real.error).toBeNull();
    expect(real.data?.length).toBe(1);
    for (const [name, bearer] of forged()) {
      const { status, data } = await readAs(bearer);
      expect([name, status, data]).toEqual([name, 401, null]);
    }
  });

  it("cannot take a database role the token may not have, even correctly signed", async () => {
    const superuser = await readAs(signJwt({ ...claims, role: "postgres" }, stack().jwtSecret));
    expect(superuser.data).toBeNull();
    expect(superuser.status).toBeGreaterThanOrEqual(400);
  });

  it("are refused by the API with 401 UNAUTHORIZED", async () => {
    expect((await callApp("/api/sites", { cookies })).status).toBe(200);
    for (const change of [(c: JwtClaims) => ({ ...c, exp: now() - 60 }), (c: JwtClaims) => ({ ...c, sub: "00000000-0000-4000-8000-000000000000", exp: now() - 60 })]) {
      // An expired token whose refresh token is also unusable: nothing can renew it.
      const expired = await withAccessTokenClaims(cookies, change);
      const broken = await withStoredSession(expired, (session) => ({ ...session, refresh_token: "never-issued" }));
      const response = await callApp("/api/sites", { cookies: broken });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: "UNAUTHORIZED" });
    }
  });
});
