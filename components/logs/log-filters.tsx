// A site log's filters: a day range and, for production and receipts, a material. A plain GET
// form: the filters live in the URL (links share them), and it works before hydration.
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { LogListFilters } from "@/lib/logs/list-filters";
import { materialChoices } from "@/lib/queries/lookups";
import { createClient } from "@/lib/supabase/server";

interface LogFiltersProps {
  siteCode: string;
  filters: LogListFilters;
  /** Whether the log's rows have a material to filter by (production and receipts). */
  byMaterial?: boolean;
}

export async function LogFilters({ siteCode, filters, byMaterial = false }: LogFiltersProps) {
  const materials = byMaterial ? await materialChoices(await createClient()) : null;
  return (
    <form className="flex flex-wrap items-end gap-3" aria-label="Filter rows" data-testid="log-filters">
      <input type="hidden" name="site" value={siteCode} />
      <div className="grid gap-1.5">
        <Label htmlFor="log-from" className="text-xs text-muted-foreground">
          From
        </Label>
        <Input id="log-from" name="from" type="date" defaultValue={filters.from} className="w-40" />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="log-to" className="text-xs text-muted-foreground">
          To
        </Label>
        <Input id="log-to" name="to" type="date" defaultValue={filters.to} className="w-40" />
      </div>
      {materials ? (
        <div className="grid gap-1.5">
          <Label htmlFor="log-material" className="text-xs text-muted-foreground">
            Material
          </Label>
          <NativeSelect id="log-material" name="material" defaultValue={filters.materialId ?? ""} className="w-56">
            <option value="">Any material</option>
            {materials.map((material) => (
              <option key={material.id} value={material.id}>
                {material.name}
              </option>
            ))}
          </NativeSelect>
        </div>
      ) : null}
      <Button type="submit" variant="outline">
        Show
      </Button>
    </form>
  );
}
