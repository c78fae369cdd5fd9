// The sign-in action as the login form calls it, against the local auth server: its answers in
// place, and what it says when the auth server does not answer at all.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "@/app/actions/sign-in";
import { IDLE } from "@/lib/forms";
import { freePort } from "@/local/net";
import { SEEDED_PASSWORD } from "@/local/session-cookies";
import { sql } from "../helpers/db";
import { withCookies } from "../helpers/next-headers";
import { stack } from "../helpers/supabase";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

const signInWith = (fields: Record<string, string>) => withCookies([], () => signIn(IDLE, form(fields)));

beforeAll(() => {
  process.env.NEXT_PUBLIC_SUPABASE_URL = stack().apiUrl;
  process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY = stack().anonKey;
  process.env.SUPABASE_SERVICE_ROLE_KEY = stack().serviceRoleKey; // the failed sign-in count is kept with it
});

afterEach(() => {
  process.env.NEXT_PUBLIC_SUPABASE_URL = stack().apiUrl;
});

describe("actions: sign-in", () => {
  it("answers a wrong password in words, keeping the email and never the password", async () => {
    const state = await signInWith({ email: "manager@deskops.local", password: "wrong-password" });
    expect(state).toEqual({
      status: "error",
      message: "That email and password do not match an account. Check both and try again.",
      values: { email: "manager@deskops.local" },
    });
  });

  it("makes one address wait after 20 wrong passwords in 5 minutes, even with the right one, and not another address", async () => {
    const guesser = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    const from = (address: string, password: string) =>
      withCookies([], () => signIn(IDLE, form({ email: "viewer@deskops.local", password })), { "x-forwarded-for": `${address}, 10.0.0.1` });
    for (let attempt = 0; attempt < 20; attempt += 1) {
      expect((await from(guesser, `guess-${attempt}`)).message).toBe("That email and password do not match an account. Check both and try again.");
    }
    const refused = await from(guesser, SEEDED_PASSWORD);
    expect(refused.message).toMatch(/^Too many wrong passwords from this network\. Wait (\d+ seconds|5 minutes), then try again\.$/);
    // Another address signs in (a successful sign-in redirects).
    await expect(from("198.51.100.7", SEEDED_PASSWORD)).rejects.toMatchObject({ digest: expect.stringContaining("/dashboard") });
    await sql("delete from private.failed_sign_ins where client_address = $1", [guesser]);
  });

  it("names each missing or malformed field", async () => {
    const state = await signInWith({ email: "not-an-email", password: "" });
    expect(state.fieldErrors).toEqual({ email: "Enter an email like name@company.com", password: "Enter your password" });
  });

  it("says sign-in is unavailable when the auth server does not answer", async () => {
    process.env.NEXT_PUBLIC_SUPABASE_URL = `http://127.0.0.1:${await freePort()}`; // nothing listens there
    const state = await signInWith({ email: "manager@deskops.local", password: SEEDED_PASSWORD });
    expect(state).toMatchObject({ status: "error", message: expect.stringContaining("the authentication service is not answering") });
  });

  it("signs in and redirects to the page asked for, never to another site", async () => {
    const redirectOf = async (next: string) => {
      const error = await signInWith({ email: "viewer@deskops.local", password: SEEDED_PASSWORD, next }).then(
        () => null,
        (thrown: unknown) => thrown,
      );
      const digest = error instanceof Error && "digest" in error ? String(error.digest) : "";
      return digest.split(";")[2];
    };
    expect(await redirectOf("/dispatch?status=pending")).toBe("/dispatch?status=pending");
    expect(await redirectOf("https://evil.example/")).toBe("/dashboard");
  });
});
