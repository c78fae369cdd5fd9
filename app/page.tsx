import { redirect } from "next/navigation";
import { PAGES } from "@/lib/navigation";
import { getViewer } from "@/lib/session";

/** The front door: the dashboard for a signed-in user, the sign-in page for everyone else. */
export default async function HomePage() {
  redirect((await getViewer()) ? PAGES.dashboard : "/login");
}
