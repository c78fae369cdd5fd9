"use server";

import { setNewPasswordAction } from "@/lib/actions/auth";
import type { FormState } from "@/lib/forms";

export async function setNewPassword(previous: FormState, formData: FormData) {
  return setNewPasswordAction(previous, formData);
}
