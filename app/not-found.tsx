import Link from "next/link";
import { Compass } from "lucide-react";
import { Brand } from "@/components/brand";
import { Button } from "@/components/ui/button";

/** A path no page serves. */
export default function NotFound() {
  return (
    <main className="grid min-h-svh place-items-center p-6">
      <div className="grid max-w-md justify-items-center gap-4 text-center">
        <Brand />
        <span className="flex size-12 items-center justify-center rounded-full bg-muted">
          <Compass className="size-6 text-muted-foreground" aria-hidden />
        </span>
        <h1 className="text-2xl font-semibold tracking-tight">This page does not exist</h1>
        <p className="text-sm text-muted-foreground">The link may be old or mistyped. Everything in DeskOps starts from the dashboard.</p>
        <Button asChild>
          <Link href="/dashboard">Go to the dashboard</Link>
        </Button>
      </div>
    </main>
  );
}
