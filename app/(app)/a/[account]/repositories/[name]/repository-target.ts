import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireMember } from "@/lib/auth/current";
import { loadRepository } from "@/lib/repositories/repositories";

/** The repository a repository page is about (404 if the caller cannot see it), loaded once per request for the title and the page. */
export const requireRepository = cache(async (account: string, name: string) => {
  const ctx = await requireMember(account);
  const repository = await loadRepository(await getDb(), ctx, name);
  if (!repository) notFound();
  return { ctx, repository };
});
