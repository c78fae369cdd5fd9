import { NextResponse, type NextRequest } from "next/server";

// Any /api path that no route serves answers in the API's error shape, not with Next's HTML page.
function notFound(request: NextRequest): NextResponse {
  return NextResponse.json({ message: `There is no API route at ${request.nextUrl.pathname}.`, code: "NOT_FOUND" }, { status: 404 });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
