import { ClipboardPaste, PackageSearch, RadioTower } from "lucide-react";
import { Brand } from "@/components/brand";
import { ThemeToggle } from "@/components/theme-toggle";

const HIGHLIGHTS = [
  { icon: ClipboardPaste, title: "Paste a day of dispatches", text: "Straight from Excel or Google Sheets; the bad rows are shown and kept for fixing." },
  { icon: RadioTower, title: "See every site live", text: "KPIs and an activity feed that update as trucks leave and logs come in." },
  { icon: PackageSearch, title: "Stock you can explain", text: "Inventory computed from production, receipts and dispatches, day by day." },
];

/** Signed-out pages: the form on the left, what DeskOps is for on the right (laptops and up). */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="grid min-h-svh lg:grid-cols-[1fr_minmax(0,0.9fr)]">
      <div className="flex flex-col gap-4 p-6 md:p-10">
        <header className="flex items-center justify-between">
          <Brand />
          <ThemeToggle />
        </header>
        <main className="flex flex-1 items-center justify-center">
          <div className="w-full max-w-sm">{children}</div>
        </main>
      </div>
      <aside className="relative hidden flex-col justify-center gap-10 overflow-hidden bg-primary p-12 text-primary-foreground lg:flex" aria-label="About DeskOps">
        <div className="max-w-md space-y-3">
          <p className="text-3xl font-semibold tracking-tight">The operations desk for multi-site logistics.</p>
          <p className="text-primary-foreground/85">Dispatch, production, receipts, equipment, manpower and stock for every site, in one place.</p>
        </div>
        <ul className="max-w-md space-y-6">
          {HIGHLIGHTS.map(({ icon: Icon, title, text }) => (
            <li key={title} className="flex gap-4">
              <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-primary-foreground/15">
                <Icon className="size-5" aria-hidden />
              </span>
              <span>
                <span className="block font-medium">{title}</span>
                <span className="block text-sm text-primary-foreground/85">{text}</span>
              </span>
            </li>
          ))}
        </ul>
      </aside>
    </div>
  );
}
