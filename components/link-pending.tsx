"use client";

import { useLinkStatus } from "next/link";
import { Spinner } from "./ui/spinner";

/** Inside a <Link>: a small spinner while the page it leads to loads. */
export function LinkPending() {
  const { pending } = useLinkStatus();
  return pending ? <Spinner className="ml-1.5 inline size-3 text-zinc-400" /> : null;
}
