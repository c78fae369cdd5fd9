"use server";

import { removeSiteMemberAction } from "@/lib/actions/sites";

export async function removeSiteMember(input: unknown) {
  return removeSiteMemberAction(input);
}
