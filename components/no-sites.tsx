import { MapPinOff } from "lucide-react";
import { EmptyState } from "@/components/empty-state";

/** A signed-in person who is on no site yet sees this instead of a page of nothing. */
export function NoSites() {
  return (
    <EmptyState icon={MapPinOff} title="You are not on any site yet">
      An admin adds people to sites as manager, operator or viewer. Ask yours to add you; this page fills in as soon as they do.
    </EmptyState>
  );
}
