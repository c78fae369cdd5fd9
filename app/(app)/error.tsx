"use client";

import { useEffect } from "react";
import { TriangleAlert } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";

/** A page that failed to render: say so in place, keep the shell, offer to try again. */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <EmptyState icon={TriangleAlert} title="This page could not load" action={<Button onClick={reset}>Try again</Button>}>
      Something went wrong on our side; nothing you entered was lost.
      {error.digest ? <span className="mt-2 block font-mono text-xs">Reference: {error.digest}</span> : null}
    </EmptyState>
  );
}
