"use client";

import { useEffect } from "react";
import { lastAccountCookie } from "@/lib/accounts/last-account";

/** Remembers, in this browser, the account being looked at, so that `/` returns to it. */
export function RememberAccount({ shortName }: { shortName: string }) {
  useEffect(() => {
    document.cookie = lastAccountCookie(shortName, window.location.protocol === "https:");
  }, [shortName]);
  return null;
}
