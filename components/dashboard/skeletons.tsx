import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export function StatCardsSkeleton({ count, className }: { count: number; className: string }) {
  return (
    <div className={className} aria-hidden>
      {Array.from({ length: count }, (_, index) => (
        <Card key={index} className="gap-3 py-5">
          <CardHeader className="px-5">
            <Skeleton className="h-4 w-28" />
          </CardHeader>
          <CardContent className="grid gap-2 px-5">
            <Skeleton className="h-7 w-24" />
            <Skeleton className="h-3 w-40" />
          </CardContent>
        </Card>
      ))}
    </div>
  );
}

export function ChartSkeleton() {
  return (
    <div className="grid gap-3" aria-hidden>
      <Skeleton className="h-3 w-48" />
      <Skeleton className="h-[240px] w-full" />
    </div>
  );
}

export function FeedSkeleton() {
  return (
    <div className="grid gap-3" aria-hidden>
      {Array.from({ length: 6 }, (_, index) => (
        <div key={index} className="flex gap-3">
          <Skeleton className="size-7 rounded-full" />
          <div className="grid flex-1 gap-1.5">
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="h-3 w-1/2" />
          </div>
        </div>
      ))}
    </div>
  );
}
