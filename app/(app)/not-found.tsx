import Link from "next/link";
import { Compass } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";

/** Inside the app: a page that does not exist, or one this person's role does not open. */
export default function AppNotFound() {
  return (
    <EmptyState
      icon={Compass}
      title="Nothing here for you"
      action={
        <Button asChild>
          <Link href="/dashboard">Go to the dashboard</Link>
        </Button>
      }
    >
      This page does not exist, or your role does not open it. Ask an admin if you think it should.
    </EmptyState>
  );
}
