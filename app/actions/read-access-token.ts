"use server";

import { readAccessTokenAction } from "@/lib/actions/session";

export async function readAccessToken() {
  return readAccessTokenAction();
}
