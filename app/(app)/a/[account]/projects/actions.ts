"use server";

import { redirect } from "next/navigation";
import { memberAction } from "@/lib/actions/action";
import { createProject } from "@/lib/projects/projects";
import { createProjectSchema } from "@/lib/projects/schemas";

/** Creates a project (with `projects.create`); its creator manages it, and lands on it. */
export const createProjectAction = memberAction(
  { schema: createProjectSchema, permission: "projects.create" },
  async (input, ctx) => {
    const project = await createProject(ctx.db, ctx, input, ctx.meta);
    redirect(`/a/${ctx.account.shortName}/projects/${project.key}`);
  },
);
