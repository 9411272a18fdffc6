"use client";

import Link from "next/link";
import { Main } from "@/components/main-landmark";

/**
 * Anything unexpected while rendering a page: a plain apology and a way on, never a stack
 * trace. The digest is the reference the server logged the error under (instrumentation.ts).
 */
export default function PageError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <Main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="mt-2 text-zinc-600">
        This page could not be shown. Nothing was changed. Try again in a moment.
      </p>
      {error.digest && <p className="mt-2 text-sm text-zinc-500">Reference: {error.digest}</p>}
      <div className="mt-6 flex gap-4 text-sm font-medium">
        <button type="button" onClick={reset} className="text-indigo-700 hover:underline">
          Try again
        </button>
        <Link href="/" className="text-indigo-700 hover:underline">
          Go to your home page
        </Link>
      </div>
    </Main>
  );
}
