import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "DeskOps", template: "%s · DeskOps" },
  description: "The operations desk for multi-site logistics and processing operations.",
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body className="min-h-svh font-sans">{children}</body>
    </html>
  );
}
