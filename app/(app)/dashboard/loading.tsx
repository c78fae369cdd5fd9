import { ChartSkeleton, FeedSkeleton, StatCardsSkeleton } from "@/components/dashboard/skeletons";
import { Skeleton } from "@/components/ui/skeleton";

export default function DashboardLoading() {
  return (
    <div className="mx-auto grid max-w-screen-2xl grid-cols-1 gap-6" role="status" aria-busy="true" aria-label="Loading the dashboard">
      <div className="grid gap-2">
        <Skeleton className="h-7 w-40" />
        <Skeleton className="h-4 w-64" />
      </div>
      <StatCardsSkeleton count={4} className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" />
      <StatCardsSkeleton count={6} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-6" />
      <div className="grid gap-6 xl:grid-cols-3">
        <div className="grid gap-6 xl:col-span-2">
          <ChartSkeleton />
          <ChartSkeleton />
        </div>
        <FeedSkeleton />
      </div>
    </div>
  );
}
