import type { Metadata } from "next";
import { Boxes } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { InventoryForm } from "@/components/inventory/inventory-form";
import { LazyStockChart } from "@/components/inventory/lazy-stock-chart";
import { LedgerDays, StockSummary } from "@/components/inventory/stock-tables";
import { SitePage } from "@/components/site-page";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { addDays, todayIn } from "@/lib/dates";
import { stockByMaterial } from "@/lib/inventory/ledger";
import { PAGES, param, withSite, type SearchParams } from "@/lib/navigation";
import { inventorySnapshots } from "@/lib/queries/inventory";
import { lookup } from "@/lib/queries/lookups";
import type { ViewerSite } from "@/lib/queries/viewer";
import { createClient } from "@/lib/supabase/server";
import { calendarDay } from "@/lib/validations/common";

export const metadata: Metadata = { title: "Inventory" };

const DEFAULT_DAYS = 14;
const MAX_DAYS = 366;

export default async function InventoryPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  return (
    <SitePage path={PAGES.inventory} title="Inventory" description="stock per material: opening, moves and closing" searchParams={searchParams}>
      {(site) => <Inventory site={site} from={param(params, "from")} to={param(params, "to")} material={param(params, "material")} />}
    </SitePage>
  );
}

/** The range asked for, or the last two weeks; at most a year, from before to. */
function rangeOf(today: string, from: string | undefined, to: string | undefined) {
  const end = calendarDay.safeParse(to).data ?? today;
  let start = calendarDay.safeParse(from).data ?? addDays(end, -(DEFAULT_DAYS - 1));
  if (start > end) start = end;
  if (start < addDays(end, -MAX_DAYS)) start = addDays(end, -MAX_DAYS);
  return { from: start, to: end };
}

async function Inventory({ site, from, to, material }: { site: ViewerSite; from?: string; to?: string; material?: string }) {
  const today = todayIn(site.timezone);
  const range = rangeOf(today, from, to);
  const supabase = await createClient();
  const [ledger, materials] = await Promise.all([
    inventorySnapshots(supabase, { siteId: site.id, dateFrom: range.from, dateTo: range.to, limit: 1000, offset: 0 }),
    lookup(supabase, "materials", {}),
  ]);
  const stock = stockByMaterial(ledger);
  const names = new Map(ledger.map((row) => [row.materialId, row.material?.name ?? ""]));
  const selected = stock.find((row) => row.materialId === material) ?? stock[0] ?? null;
  const base = `${withSite(PAGES.inventory, site.code)}&from=${range.from}&to=${range.to}`;
  const materialOptions = materials.flatMap((option) => ("code" in option ? [{ id: option.id, name: option.name, code: option.code }] : []));
  const canRecord = site.role !== "viewer";

  return (
    <div className="grid min-w-0 grid-cols-1 gap-4">
        <form className="flex flex-wrap items-end gap-3" aria-label="Range">
          <input type="hidden" name="site" value={site.code} />
          {selected ? <input type="hidden" name="material" value={selected.materialId} /> : null}
          <div className="grid gap-1.5">
            <Label htmlFor="inventory-from" className="text-xs text-muted-foreground">
              From
            </Label>
            <Input id="inventory-from" name="from" type="date" defaultValue={range.from} max={today} className="w-40" />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="inventory-to" className="text-xs text-muted-foreground">
              To
            </Label>
            <Input id="inventory-to" name="to" type="date" defaultValue={range.to} max={today} className="w-40" />
          </div>
          <Button type="submit" variant="outline">
            Show
          </Button>
        </form>
        {stock.length === 0 ? (
          <EmptyState icon={Boxes} title="No stock moved at this site in these days">
            Production, receipts and material dispatches move stock; record an opening balance or a count to start a material&apos;s ledger.
          </EmptyState>
        ) : (
          <>
            <StockSummary stock={stock} names={names} siteCode={site.code} range={range} selected={selected?.materialId ?? null} selectHref={(id) => `${base}&material=${id}`} />
            {canRecord ? <InventoryForm siteId={site.id} today={today} materials={materialOptions} materialId={selected?.materialId} /> : null}
            {selected ? (
              <section aria-label={`${names.get(selected.materialId)} per day`} className="grid gap-3 rounded-xl border bg-card p-4">
                <h2 className="text-sm font-medium">{names.get(selected.materialId)}: stock per day</h2>
                <LazyStockChart name={names.get(selected.materialId) ?? ""} days={selected.days} />
                <LedgerDays days={selected.days} siteCode={site.code} name={names.get(selected.materialId) ?? ""} />
              </section>
            ) : null}
          </>
        )}
      {stock.length === 0 && canRecord ? <InventoryForm siteId={site.id} today={today} materials={materialOptions} /> : null}
    </div>
  );
}
