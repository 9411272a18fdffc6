import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { SkipLink } from "@/components/main-landmark";
import { Toaster } from "@/components/ui/toast";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Roster", template: "%s · Roster" },
  description: "Accounts, people, roles and access for your team.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: the Content-Security-Policy's nonce (proxy.ts) is new for
  // each response, and Next can stamp it on its scripts only when it renders them then. A
  // page prerendered at build time (the 404 page, say) would carry scripts the policy refuses.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <SkipLink />
        {children}
        <Toaster />
      </body>
    </html>
  );
}
