"use server";

import { setSiteMemberAction } from "@/lib/actions/sites";

export async function setSiteMember(input: unknown) {
  return setSiteMemberAction(input);
}
