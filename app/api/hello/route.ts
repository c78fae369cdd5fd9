import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";

// Seed 001's health check for load balancers and uptime monitors: public, no database.
export function GET(): NextResponse {
  return NextResponse.json("Hello, from API!");
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
