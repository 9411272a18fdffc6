import Link from "next/link";
import type { ReactNode } from "react";
import { Main } from "./main-landmark";

/** A single card in the middle of the page, for sign-in, sign-up and the pages emails link to. */
export function CenteredPage({ children }: { children: ReactNode }) {
  return (
    <Main className="flex min-h-screen flex-col items-center px-4 py-12 sm:py-20">
      <Link href="/" className="mb-8 text-xl font-bold tracking-tight text-indigo-700">
        Roster
      </Link>
      <div className="w-full max-w-md">{children}</div>
    </Main>
  );
}
