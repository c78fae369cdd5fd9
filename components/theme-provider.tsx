"use client";

import { ThemeProvider as NextThemesProvider } from "next-themes";

/** Light, dark or the system's choice, kept in localStorage and applied before first paint. */
export function ThemeProvider({ children, nonce }: { children: React.ReactNode; nonce?: string }) {
  return (
    <NextThemesProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      {children}
    </NextThemesProvider>
  );
}
