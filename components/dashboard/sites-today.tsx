import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatPercent, formatTonnes } from "@/lib/format";
import { withSite, PAGES } from "@/lib/navigation";
import { siteMetrics } from "@/lib/queries/dashboards";
import { createClient } from "@/lib/supabase/server";

interface Site {
  id: string;
  code: string;
  name: string;
}

/** For "All sites": each site's day at a glance (site_metrics), a row each, linking to the site. */
export async function SitesToday({ sites }: { sites: readonly Site[] }) {
  const supabase = await createClient();
  const rows = await Promise.all(sites.map(async (site) => ({ site, metrics: await siteMetrics(supabase, site.id) })));
  return (
    <Table data-testid="sites-today">
      <TableHeader>
        <TableRow>
          <TableHead>Site</TableHead>
          <TableHead className="text-right">Produced</TableHead>
          <TableHead className="text-right">Received</TableHead>
          <TableHead className="text-right">Dispatched</TableHead>
          <TableHead className="text-right">Utilisation</TableHead>
          <TableHead className="text-right">Stock</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(({ site, metrics }) => (
          <TableRow key={site.id}>
            <TableCell>
              <Link href={withSite(PAGES.dashboard, site.code)} className="font-medium underline-offset-4 hover:underline">
                {site.name}
              </Link>
              <span className="block text-xs text-muted-foreground">{site.code}</span>
            </TableCell>
            <TableCell className="tabular text-right">{formatTonnes(metrics.totalProduction.current)}</TableCell>
            <TableCell className="tabular text-right">{formatTonnes(metrics.totalReceived.current)}</TableCell>
            <TableCell className="tabular text-right">{formatTonnes(metrics.totalDispatched.current)}</TableCell>
            <TableCell className="tabular text-right">{formatPercent(metrics.equipmentUtilization.current)}</TableCell>
            <TableCell className="tabular text-right">{formatTonnes(metrics.currentInventoryStatus.current)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
