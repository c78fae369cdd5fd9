"use server";

import { requestPasswordResetAction } from "@/lib/actions/auth";
import type { FormState } from "@/lib/forms";

export async function requestPasswordReset(previous: FormState, formData: FormData) {
  return requestPasswordResetAction(previous, formData);
}
