// The inventory page's tables: every material's stock over the range, and one material's days.
// Each moved figure links to the rows it came from.
import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDay, formatTonnes } from "@/lib/format";
import type { LedgerDay, MaterialStock } from "@/lib/inventory/ledger";
import { PAGES, withSite } from "@/lib/navigation";
import { cn } from "@/lib/utils";

interface Range {
  from: string;
  to: string;
}

/** Where a figure's rows are: the material's production or receipts, the days' dispatches. */
function sourceLinks(siteCode: string, materialId: string, range: Range) {
  const logs = (page: string) => `${withSite(page, siteCode)}&material=${materialId}&from=${range.from}&to=${range.to}`;
  return { produced: logs(PAGES.production), received: logs(PAGES.received), dispatched: `${withSite(PAGES.dispatch, siteCode)}&dateFrom=${range.from}&dateTo=${range.to}` };
}

function Figure({ value, href, label }: { value: number; href?: string; label: string }) {
  if (!href || value === 0) return <span className={cn(value === 0 && "text-muted-foreground")}>{formatTonnes(value)}</span>;
  return (
    <Link href={href} className="underline decoration-muted-foreground/40 underline-offset-4 hover:decoration-foreground" aria-label={`${formatTonnes(value)} ${label}: see the rows`}>
      {formatTonnes(value)}
    </Link>
  );
}

const HEADERS = ["Opening", "Produced", "Received", "Dispatched", "Adjusted", "Closing"];

function HeaderCells({ first }: { first: string }) {
  return (
    <TableRow className="hover:bg-transparent">
      <TableHead className="pl-4">{first}</TableHead>
      {HEADERS.map((header) => (
        <TableHead key={header} className="text-right last:pr-4">
          {header}
        </TableHead>
      ))}
    </TableRow>
  );
}

function FigureCells({ row, links }: { row: Omit<LedgerDay, "date" | "materialId">; links: ReturnType<typeof sourceLinks> }) {
  return (
    <>
      <TableCell className="tabular text-right">{formatTonnes(row.openingTon)}</TableCell>
      <TableCell className="tabular text-right">
        <Figure value={row.producedTon} href={links.produced} label="produced" />
      </TableCell>
      <TableCell className="tabular text-right">
        <Figure value={row.receivedTon} href={links.received} label="received" />
      </TableCell>
      <TableCell className="tabular text-right">
        <Figure value={row.dispatchedTon} href={links.dispatched} label="dispatched" />
      </TableCell>
      <TableCell className="tabular text-right">{formatTonnes(row.adjustmentTon)}</TableCell>
      <TableCell className="tabular pr-4 text-right font-medium">{formatTonnes(row.closingTon)}</TableCell>
    </>
  );
}

export function StockSummary({ stock, names, siteCode, range, selected, selectHref }: { stock: MaterialStock[]; names: Map<string, string>; siteCode: string; range: Range; selected: string | null; selectHref: (materialId: string) => string }) {
  return (
    <div className="rounded-xl border bg-card">
      <Table aria-label="Stock per material" data-testid="stock-summary">
        <TableHeader>
          <HeaderCells first="Material" />
        </TableHeader>
        <TableBody>
          {stock.map((row) => (
            <TableRow key={row.materialId} data-state={row.materialId === selected ? "selected" : undefined} data-material={row.materialId}>
              <TableCell className="pl-4">
                <Link href={selectHref(row.materialId)} className="font-medium hover:underline" aria-current={row.materialId === selected ? "true" : undefined}>
                  {names.get(row.materialId) ?? "Unknown material"}
                </Link>
              </TableCell>
              <FigureCells row={row} links={sourceLinks(siteCode, row.materialId, range)} />
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

export function LedgerDays({ days, siteCode, name }: { days: LedgerDay[]; siteCode: string; name: string }) {
  return (
    <div className="rounded-xl border bg-card">
      <Table aria-label={`${name} per day`} data-testid="ledger-days">
        <TableHeader>
          <HeaderCells first="Day" />
        </TableHeader>
        <TableBody>
          {[...days].reverse().map((day) => (
            <TableRow key={day.date} data-day={day.date}>
              <TableCell className="pl-4">{formatDay(day.date, true)}</TableCell>
              <FigureCells row={day} links={sourceLinks(siteCode, day.materialId, { from: day.date, to: day.date })} />
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
