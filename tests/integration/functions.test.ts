// Edge Functions on the real Deno runtime, through the gateway and supabase-js.
import { FunctionsHttpError } from "@supabase/supabase-js";
import { describe, expect, it } from "vitest";
import { anonClient, signedInClient, stack } from "../helpers/supabase";

interface HealthBody {
  status: string;
  runtime: { name: string; version: string };
  database: { status: string; version?: string };
}

describe("functions: health", () => {
  it("runs on Deno and reaches the database through SUPABASE_DB_URL", async () => {
    const { data, error } = await anonClient().functions.invoke<HealthBody>("health", { method: "GET" });
    expect(error).toBeNull();
    expect(data?.status).toBe("ok");
    expect(data?.runtime.name).toBe("deno");
    expect(data?.runtime.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(data?.database).toMatchObject({ status: "ok" });
    expect(data?.database.version).toMatch(/^17\./);
  });

  it("accepts a signed-in user's JWT", async () => {
    const { client } = await signedInClient("fn");
    const { data, error } = await client.functions.invoke<HealthBody>("health", { method: "GET" });
    expect(error).toBeNull();
    expect(data?.status).toBe("ok");
  });

  it("refuses a request without a valid JWT, as verify_jwt does", async () => {
    const missing = await fetch(`${stack().apiUrl}/functions/v1/health`);
    expect(missing.status).toBe(401);
    const forged = await fetch(`${stack().apiUrl}/functions/v1/health`, { headers: { authorization: "Bearer a.b.c" } });
    expect(forged.status).toBe(401);
  });

  it("answers an unknown function with 404", async () => {
    const { error } = await anonClient().functions.invoke("no-such-function");
    expect(error).toBeInstanceOf(FunctionsHttpError);
    expect((error as FunctionsHttpError).context.status).toBe(404);
  });
});
