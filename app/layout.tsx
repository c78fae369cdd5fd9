import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { ThemeProvider } from "@/components/theme-provider";
import { LazyToaster } from "@/components/lazy-toaster";
import { TooltipProvider } from "@/components/ui/tooltip";
import { NONCE_HEADER } from "@/lib/csp";
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

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // proxy.ts's Content-Security-Policy runs only scripts with this page's nonce: next-themes'
  // inline script (the theme before first paint) carries it too.
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    // next-themes sets the class on <html> before React hydrates: the mismatch is expected.
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-svh font-sans">
        <ThemeProvider nonce={nonce}>
          <TooltipProvider>{children}</TooltipProvider>
          <LazyToaster position="bottom-right" />
        </ThemeProvider>
      </body>
    </html>
  );
}
