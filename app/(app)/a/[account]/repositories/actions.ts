"use server";

import { redirect } from "next/navigation";
import { memberAction } from "@/lib/actions/action";
import { createRepository } from "@/lib/repositories/repositories";
import { repositoryFieldsSchema } from "@/lib/repositories/schemas";

/** Registers a repository (with `repositories.manage`), and goes to it. */
export const createRepositoryAction = memberAction(
  { schema: repositoryFieldsSchema, permission: "repositories.manage" },
  async (input, ctx) => {
    const repository = await createRepository(ctx.db, ctx, input, ctx.meta);
    redirect(`/a/${ctx.account.shortName}/repositories/${encodeURIComponent(repository.name)}`);
  },
);
