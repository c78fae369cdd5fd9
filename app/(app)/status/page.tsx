import { Suspense } from "react";
import { CheckCircle2, CircleAlert, Truck } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { supabaseServiceStatus } from "@/lib/queries/status";
import { createClient } from "@/lib/supabase/server";

// The status reflects the services right now, never a cached build-time answer.
export const dynamic = "force-dynamic";

async function ServiceList() {
  const { url, services } = await supabaseServiceStatus();
  return (
    <div className="space-y-3">
      <p className="text-sm text-muted-foreground">
        Supabase API at <code className="rounded bg-muted px-1 py-0.5">{url}</code>
      </p>
      <ul className="divide-y rounded-md border">
        {services.map((service) => (
          <li key={service.name} className="flex items-center justify-between px-4 py-3" data-service={service.name}>
            <span className="flex items-center gap-2 text-sm font-medium">
              {service.ok ? (
                <CheckCircle2 className="size-4 text-emerald-600" aria-hidden />
              ) : (
                <CircleAlert className="size-4 text-destructive" aria-hidden />
              )}
              {service.label}
            </span>
            <Badge variant={service.ok ? "success" : "destructive"}>{service.ok ? "up" : service.detail}</Badge>
          </li>
        ))}
      </ul>
    </div>
  );
}

async function SessionLine() {
  const supabase = await createClient();
  const { data } = await supabase.auth.getClaims();
  const email = typeof data?.claims.email === "string" ? data.claims.email : null;
  return (
    <p className="text-sm text-muted-foreground" data-testid="session">
      {email ? `Signed in as ${email}.` : "Not signed in."}
    </p>
  );
}

export default function HomePage() {
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-8 px-6 py-16">
      <header className="flex items-center gap-3">
        <div className="flex size-10 items-center justify-center rounded-lg bg-primary text-primary-foreground">
          <Truck className="size-5" aria-hidden />
        </div>
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">DeskOps</h1>
          <p className="text-sm text-muted-foreground">The operations desk for multi-site logistics and processing.</p>
        </div>
      </header>
      <Card>
        <CardHeader>
          <CardTitle>Platform status</CardTitle>
          <CardDescription>
            Dispatch, site logs, inventory and dashboards arrive in the next releases. This page checks the services they
            run on.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <Suspense fallback={<div className="h-40 animate-pulse rounded-md bg-muted" />}>
            <ServiceList />
          </Suspense>
          <Suspense fallback={<div className="h-5 w-40 animate-pulse rounded bg-muted" />}>
            <SessionLine />
          </Suspense>
        </CardContent>
      </Card>
    </main>
  );
}
