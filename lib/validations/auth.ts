// The sign-in and password forms.
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/constants";

const email = z.string().trim().min(1, "Enter your email").pipe(z.email({ message: "Enter an email like name@company.com" }));

export const signInSchema = z.object({
  email,
  password: z.string().min(1, "Enter your password"),
  next: z.string().optional(),
});

export const passwordResetRequestSchema = z.object({ email });

export const newPasswordSchema = z
  .object({
    password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`).max(72, "At most 72 characters"),
    confirm: z.string(),
  })
  .refine((form) => form.password === form.confirm, { message: "The two passwords differ", path: ["confirm"] });
