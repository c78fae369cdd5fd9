// The activity feed catching up after a lost connection: the entries written since the last one
// it saw, at the sites it shows.
import "server-only";
import { z } from "zod";
import { runAction } from "@/lib/actions/run";
import { recentActivity } from "@/lib/queries/activity";
import { FEED_LENGTH } from "@/lib/activity/feed";

const catchUpSchema = z.object({
  siteIds: z.array(z.uuid()).max(500).nullable(),
  afterId: z.number().int().nonnegative().optional(),
});

export function readActivityAction(input: unknown) {
  return runAction("read activity", [], async (supabase) => {
    const { siteIds, afterId } = catchUpSchema.parse(input);
    return { entries: await recentActivity(supabase, siteIds, afterId, FEED_LENGTH) };
  });
}
