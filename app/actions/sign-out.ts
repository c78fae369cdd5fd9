"use server";

import { signOutAction } from "@/lib/actions/auth";

export async function signOut() {
  return signOutAction();
}
