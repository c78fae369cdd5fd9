// A method a route does not serve answers 405 in the API's error shape, with Allow, instead of
// Next's empty 405. Each route file ends with `export const { … } = otherMethods("GET", "POST")`;
// tests/integration/api-methods.test.ts sends every method to every route.
import { NextResponse } from "next/server";
import { ApiError } from "@/lib/errors";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

type Handler = () => NextResponse;

export function otherMethods(...allowed: HttpMethod[]): Record<HttpMethod, Handler> {
  const allow = allowed.join(", ");
  const error = new ApiError("METHOD_NOT_ALLOWED", `This address answers ${allow} only.`);
  const refuse: Handler = () => NextResponse.json(error.toBody(), { status: error.status, headers: { allow } });
  return Object.fromEntries(HTTP_METHODS.map((method) => [method, refuse])) as Record<HttpMethod, Handler>;
}
