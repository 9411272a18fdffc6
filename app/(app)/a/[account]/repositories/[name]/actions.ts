"use server";

import { redirect } from "next/navigation";
import { memberAction } from "@/lib/actions/action";
import {
  deleteRepository,
  linkRepository,
  unlinkRepository,
  updateRepository,
} from "@/lib/repositories/repositories";
import {
  deleteRepositorySchema,
  repositoryProjectLinkSchema,
  updateRepositorySchema,
} from "@/lib/repositories/schemas";

const repositoryUrl = (account: string, name: string) =>
  `/a/${account}/repositories/${encodeURIComponent(name)}`;

/** Saves the repository's fields; a new name is a new address, so the page follows it. */
export const updateRepositoryAction = memberAction(
  { schema: updateRepositorySchema, permission: "repositories.manage" },
  async ({ repository, ...input }, ctx) => {
    const saved = await updateRepository(ctx.db, ctx, repository, input, ctx.meta);
    if (saved.name !== repository) redirect(repositoryUrl(ctx.account.shortName, saved.name));
    return { changed: saved.changed };
  },
);

/** Deletes the repository record, once its name is typed; back to the list. */
export const deleteRepositoryAction = memberAction(
  { schema: deleteRepositorySchema, permission: "repositories.manage" },
  async ({ repository, confirmName }, ctx) => {
    await deleteRepository(ctx.db, ctx, repository, confirmName, ctx.meta);
    redirect(`/a/${ctx.account.shortName}/repositories`);
  },
);

/** Links the repository to a project. */
export const linkRepositoryAction = memberAction(
  { schema: repositoryProjectLinkSchema, permission: "repositories.manage" },
  async (input, ctx) => ({ project: (await linkRepository(ctx.db, ctx, input, ctx.meta)).name }),
);

/** Unlinks the repository from a project. */
export const unlinkRepositoryAction = memberAction(
  { schema: repositoryProjectLinkSchema, permission: "repositories.manage" },
  async (input, ctx) => ({ project: (await unlinkRepository(ctx.db, ctx, input, ctx.meta)).name }),
);
