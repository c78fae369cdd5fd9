// The dashboard in Chromium against the database: its cards show what dashboard_kpis() and
// site_metrics() answer for the same user and site.
import { describe, expect, it } from "vitest";
import { browserForThisFile, shownNumber, signedInContext, visit } from "../helpers/app-browser";
import { catalogueId, crewSite, dispatchRow, insertRows } from "../helpers/factories";
import { TEST_PASSWORD } from "../helpers/supabase";

const browser = browserForThisFile();

const today = () => new Date().toISOString().slice(0, 10);
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe("e2e: dashboard", () => {
  it("shows the figures dashboard_kpis() and site_metrics() give the same user for the same site", async () => {
    const crew = await crewSite("UTC");
    const sand = await catalogueId("materials", "RA-0-5");
    await insertRows("dispatches", [
      dispatchRow(crew.site.id, { status: "pending", created_by: crew.operator.id }),
      dispatchRow(crew.site.id, { status: "pending", created_by: crew.operator.id }),
      dispatchRow(crew.site.id, { status: "completed", material_id: sand, qty_ton: 12.5, dispatch_date: today(), created_by: crew.manager.id }),
    ]);
    await insertRows("production", [
      { site_id: crew.site.id, date: today(), material_id: sand, operation: "screening", qty_ton: 40.5 },
      { site_id: crew.site.id, date: yesterday(), material_id: sand, operation: "screening", qty_ton: 30 },
    ]);

    const context = await signedInContext(browser(), crew.manager.email, TEST_PASSWORD);
    const page = await context.newPage();
    await visit(page, `/dashboard?site=${crew.site.code}`, "dashboard-fresh-site");

    const { data: kpis } = await crew.manager.client.rpc("dashboard_kpis", { site_ids: [crew.site.id] }).single<Record<string, number>>();
    const { data: metrics } = await crew.manager.client.rpc("site_metrics", { site_id: crew.site.id });
    const metric = (name: string) => Number((metrics as Array<{ metric: string; current_value: number }>).find((row) => row.metric === name)?.current_value);
    const shown = async (id: string) => shownNumber(await page.getByTestId(`stat-${id}`).getByTestId("stat-value").innerText());

    expect(await shown("totalDispatches")).toBe(Number(kpis?.total_dispatches));
    expect(await shown("pendingReports")).toBe(Number(kpis?.pending_dispatches));
    expect(await shown("completionRate")).toBe(Number(kpis?.completion_rate));
    expect(await shown("activeUsers")).toBe(Number(kpis?.active_users_24h));
    expect(await shown("totalProduction")).toBe(metric("totalProduction"));
    expect(await shown("totalDispatched")).toBeCloseTo(metric("totalDispatched"), 1);
    expect(await shown("totalReceived")).toBe(metric("totalReceived"));
    expect(await shown("equipmentUtilization")).toBe(metric("equipmentUtilization"));
    // What the data says, not only what the functions say.
    expect(await shown("totalDispatches")).toBe(3);
    expect(await shown("pendingReports")).toBe(2);
    expect(await shown("totalProduction")).toBe(40.5);
    expect(await page.getByTestId("stat-totalProduction").locator("[data-direction]").getAttribute("data-direction")).toBe("up");
    await context.close();
  }, 60_000);
});
