import { Skeleton } from "@/components/ui/skeleton";

export function TableSkeleton() {
  return (
    <div className="grid gap-0 rounded-xl border bg-card" aria-hidden data-testid="table-skeleton">
      <div className="flex gap-4 border-b px-4 py-3">
        {Array.from({ length: 7 }, (_, index) => (
          <Skeleton key={index} className="h-4 flex-1" />
        ))}
      </div>
      {Array.from({ length: 10 }, (_, row) => (
        <div key={row} className="flex gap-4 border-b px-4 py-3 last:border-0">
          {Array.from({ length: 7 }, (_, index) => (
            <Skeleton key={index} className="h-4 flex-1" />
          ))}
        </div>
      ))}
    </div>
  );
}

export function DetailsSkeleton() {
  return (
    <div className="grid gap-4 p-5" aria-hidden>
      <Skeleton className="h-6 w-48" />
      <Skeleton className="h-4 w-64" />
      <Skeleton className="h-8 w-56" />
      {Array.from({ length: 8 }, (_, index) => (
        <Skeleton key={index} className="h-4 w-full" />
      ))}
    </div>
  );
}
