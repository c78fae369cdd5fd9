"use server";

import { signInAction } from "@/lib/actions/auth";
import type { FormState } from "@/lib/forms";

export async function signIn(previous: FormState, formData: FormData) {
  return signInAction(previous, formData);
}
