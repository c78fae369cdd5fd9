import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { CheckCircle2, CircleAlert } from "lucide-react";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { supabaseServiceStatus } from "@/lib/queries/status";
import { requireViewer } from "@/lib/session";

export const metadata: Metadata = { title: "Services status" };

async function ServiceList() {
  const { url, services } = await supabaseServiceStatus();
  return (
    <div className="grid gap-3">
      <p className="text-sm text-muted-foreground">
        Supabase API at <code className="rounded bg-muted px-1 py-0.5">{url}</code>
      </p>
      <ul className="divide-y rounded-md border">
        {services.map((service) => (
          <li key={service.name} className="flex items-center justify-between px-4 py-3" data-service={service.name}>
            <span className="flex items-center gap-2 text-sm font-medium">
              {service.ok ? <CheckCircle2 className="size-4 text-success" aria-hidden /> : <CircleAlert className="size-4 text-destructive" aria-hidden />}
              {service.label}
            </span>
            <Badge variant={service.ok ? "success" : "destructive"}>{service.ok ? "up" : service.detail}</Badge>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The Supabase services the app runs on, as this server reaches them right now (admins only). */
export default async function StatusPage() {
  const viewer = await requireViewer("/status");
  if (!viewer.isAdmin) notFound();
  return (
    <div className="mx-auto grid max-w-2xl gap-6">
      <PageHeader title="Services status" description="Whether this server reaches each Supabase service." />
      <Card>
        <CardHeader>
          <CardTitle>Supabase</CardTitle>
          <CardDescription>Checked when the page loads.</CardDescription>
        </CardHeader>
        <CardContent>
          <Suspense fallback={<Skeleton className="h-48 w-full" />}>
            <ServiceList />
          </Suspense>
        </CardContent>
      </Card>
    </div>
  );
}
