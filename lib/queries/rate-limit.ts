// Every write spends one of its user's writes first (private.write_rate_rules: 120 at once, then
// 5 a second, shared by every app instance); the 121st in a burst answers 429 with Retry-After.
import { fromPostgrest } from "@/lib/errors";
import type { Supabase } from "@/lib/supabase/types";

export async function spendWriteToken(supabase: Supabase): Promise<void> {
  const { error } = await supabase.rpc("take_write_token");
  if (error) throw fromPostgrest(error, "Your change");
}
