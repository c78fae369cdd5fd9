import type { Metadata, Viewport } from "next";
import { ThemeProvider } from "@/components/theme-provider";
import { LazyToaster } from "@/components/lazy-toaster";
import { TooltipProvider } from "@/components/ui/tooltip";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "DeskOps", template: "%s · DeskOps" },
  description: "The operations desk for multi-site logistics and processing operations.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8f9fb" },
    { media: "(prefers-color-scheme: dark)", color: "#15171c" },
  ],
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    // next-themes sets the class on <html> before React hydrates: the mismatch is expected.
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-svh font-sans">
        <ThemeProvider>
          <TooltipProvider>{children}</TooltipProvider>
          <LazyToaster position="bottom-right" />
        </ThemeProvider>
      </body>
    </html>
  );
}
