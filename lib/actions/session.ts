// The browser asks for a fresh access token for its Realtime connection before the one it has
// expires: the session lives in the server's cookies, and this refreshes it there.
import "server-only";
import { runAction } from "@/lib/actions/run";
import { unauthorized } from "@/lib/errors";
import { currentAccessToken } from "@/lib/queries/auth";

export function readAccessTokenAction() {
  return runAction("read access token", [], async (supabase) => {
    const accessToken = await currentAccessToken(supabase);
    if (!accessToken) throw unauthorized();
    return { accessToken };
  });
}
