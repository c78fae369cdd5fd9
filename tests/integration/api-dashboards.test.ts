// The dashboard routes answer in the seeds' exact shapes, with the database functions' figures.
import { describe, expect, it } from "vitest";
import { SEEDED_PASSWORD, signInSeeded } from "../helpers/factories";
import { callApp, signInCookies } from "../helpers/session";

const HUB = "5e000000-0000-4000-8000-000000000001";
const JAKARTA = "5e000000-0000-4000-8000-000000000003";

describe("api: kpi.dashboard", () => {
  it("answers seed 000's shape with dashboard_kpis()'s figures", async () => {
    const cookies = await signInCookies("manager@deskops.local", SEEDED_PASSWORD);
    const response = await callApp("/api/kpi/dashboard", { cookies });
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: Record<string, { value: number; label: string; change: number | null; unit?: string }> };
    const manager = await signInSeeded("manager@deskops.local");
    const { data: figures } = await manager.client.rpc("dashboard_kpis").single<Record<string, number>>();
    expect(data).toEqual({
      totalDispatches: { value: figures!.total_dispatches, label: "Total Dispatches", change: null },
      pendingReports: { value: figures!.pending_dispatches, label: "Pending Reports", change: null },
      completionRate: { value: Number(figures!.completion_rate), label: "Completion Rate", unit: "%", change: null },
      activeUsers: { value: figures!.active_users_24h, label: "Active Users (24h)", change: null },
      monthlyDispatches: { value: figures!.this_month_dispatches, label: "This Month", change: Number(figures!.monthly_change) },
    });
    expect((await callApp("/api/kpi/dashboard")).status).toBe(401);
    expect((await callApp("/api/kpi/dashboard?x=1", { cookies })).status).toBe(400);
  });
});

describe("api: dashboard.metrics", () => {
  it("answers seed 001's shape with site_metrics()'s figures, 400 without siteId, 404 across sites", async () => {
    const cookies = await signInCookies("viewer@deskops.local", SEEDED_PASSWORD);
    const response = await callApp(`/api/dashboard/metrics?siteId=${HUB}`, { cookies });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, { current: number; previous: number; percentageChange: number }>;
    const viewer = await signInSeeded("viewer@deskops.local");
    const { data: rows } = await viewer.client.rpc("site_metrics", { site_id: HUB });
    const expected = Object.fromEntries(
      (rows as Array<{ metric: string; current_value: number; previous_value: number; percentage_change: number }>).map((row) => [
        row.metric,
        { current: Number(row.current_value), previous: Number(row.previous_value), percentageChange: Number(row.percentage_change) },
      ]),
    );
    expect(body).toEqual(expected);
    expect(Object.keys(body)).toEqual(["totalProduction", "totalDispatched", "totalReceived", "equipmentUtilization", "currentInventoryStatus"]);

    const missing = await callApp("/api/dashboard/metrics", { cookies });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { code: string }).code).toBe("VALIDATION_ERROR");
    expect((await callApp(`/api/dashboard/metrics?siteId=${JAKARTA}`, { cookies })).status).toBe(404);
  });
});
