import { TableSkeleton } from "@/components/dispatch/skeletons";
import { Skeleton } from "@/components/ui/skeleton";

export default function DispatchLoading() {
  return (
    <div className="mx-auto grid max-w-screen-2xl grid-cols-1 gap-4" role="status" aria-busy="true" aria-label="Loading dispatches">
      <div className="grid gap-2">
        <Skeleton className="h-7 w-32" />
        <Skeleton className="h-4 w-56" />
      </div>
      <Skeleton className="h-16 w-full rounded-xl" />
      <TableSkeleton />
    </div>
  );
}
