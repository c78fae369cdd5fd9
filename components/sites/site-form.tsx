"use client";

// A site's details: a new site (code included) or an admin's edit of one (code fixed, and whether
// it is active). Errors show beside their field.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Loader2 } from "lucide-react";
import { createSite } from "@/app/actions/create-site";
import { updateSite } from "@/app/actions/update-site";
import { FormField } from "@/components/form-field";
import { Button } from "@/components/ui/button";
import { useActionFeedback } from "@/hooks/use-action-feedback";
import { issueMessages } from "@/lib/forms";

export interface SiteDetails {
  id: string;
  code: string;
  name: string;
  location: string | null;
  region: string | null;
  timezone: string;
  is_active: boolean;
}

const ZONES_LIST = "site-time-zones";

export function SiteForm({ site, onDone }: { site?: SiteDetails; onDone?: () => void }) {
  const router = useRouter();
  const feedback = useActionFeedback();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [zones] = useState(() => Intl.supportedValuesOf("timeZone"));

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    startTransition(async () => {
      const details = { name: text("name"), location: text("location") || undefined, region: text("region") || undefined, timezone: text("timezone") || "UTC" };
      const result = site
        ? await updateSite({ siteId: site.id, ...details, isActive: form.get("active") === "on" })
        : await createSite({ code: text("code"), ...details });
      if (!result.success && result.code === "VALIDATION_ERROR") {
        setErrors(issueMessages(result.details));
        return;
      }
      if (!result.success && result.code === "DUPLICATE_RECORD") {
        setErrors({ code: result.message });
        return;
      }
      if (feedback(result, site ? "Site saved" : "Site created")) {
        setErrors({});
        onDone?.();
        router.refresh();
      }
    });
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-3" aria-label={site ? `Details of ${site.name}` : "New site"} data-testid="site-form">
      <div className="grid gap-3 sm:grid-cols-2">
        {site ? null : <FormField name="code" label="Code" placeholder="MNL-HUB" autoComplete="off" error={errors.code} />}
        <FormField name="name" label="Name" defaultValue={site?.name} error={errors.name} />
        <FormField name="location" label="Location" defaultValue={site?.location ?? ""} error={errors.location} />
        <FormField name="region" label="Region" defaultValue={site?.region ?? ""} error={errors.region} />
        <FormField name="timezone" label="Time zone" defaultValue={site?.timezone ?? "UTC"} list={ZONES_LIST} error={errors.timezone} />
        <datalist id={ZONES_LIST}>
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </div>
      {site ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="active" defaultChecked={site.is_active} className="size-4 accent-primary" />
          Active (an inactive site is hidden from everyone but admins, its rows are kept)
        </label>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? <Loader2 className="animate-spin" aria-hidden /> : null}
          {site ? "Save site" : "Create site"}
        </Button>
      </div>
    </form>
  );
}
