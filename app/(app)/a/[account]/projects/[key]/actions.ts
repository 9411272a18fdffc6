"use server";

import { redirect } from "next/navigation";
import { projectAction } from "@/lib/actions/action";
import {
  addProjectMember,
  changeProjectMemberRole,
  removeProjectMember,
} from "@/lib/projects/project-members";
import { deleteProject, setProjectArchived, updateProject } from "@/lib/projects/projects";
import {
  addProjectMemberSchema,
  archiveProjectSchema,
  changeProjectMemberSchema,
  deleteProjectSchema,
  removeProjectMemberSchema,
  updateProjectSchema,
} from "@/lib/projects/schemas";

/** Saves the description (editors) and the name (those who manage every project). */
export const updateProjectAction = projectAction(
  { schema: updateProjectSchema, capability: "edit" },
  async (input, ctx) => ({ changed: await updateProject(ctx.db, ctx, input, ctx.meta) }),
);

/** Archives or brings back the project. */
export const setProjectArchivedAction = projectAction(
  { schema: archiveProjectSchema, capability: "administer" },
  async ({ archived }, ctx) => {
    await setProjectArchived(ctx.db, ctx, archived === "true", ctx.meta);
    return null;
  },
);

/** Deletes the project, once its name is typed; back to the project list. */
export const deleteProjectAction = projectAction(
  { schema: deleteProjectSchema, capability: "administer" },
  async ({ confirmName }, ctx) => {
    await deleteProject(ctx.db, ctx, confirmName, ctx.meta);
    redirect(`/a/${ctx.account.shortName}/projects`);
  },
);

/** Gives a member of the account access to the project. */
export const addProjectMemberAction = projectAction(
  { schema: addProjectMemberSchema, capability: "manage_access" },
  async (input, ctx) => addProjectMember(ctx.db, ctx, input, ctx.meta),
);

/** Changes someone's project role. */
export const changeProjectMemberRoleAction = projectAction(
  { schema: changeProjectMemberSchema, capability: "manage_access" },
  async (input, ctx) => {
    await changeProjectMemberRole(ctx.db, ctx, input, ctx.meta);
    return null;
  },
);

/** Takes someone's access to the project away. */
export const removeProjectMemberAction = projectAction(
  { schema: removeProjectMemberSchema, capability: "manage_access" },
  async ({ membershipId }, ctx) => {
    await removeProjectMember(ctx.db, ctx, membershipId, ctx.meta);
    return null;
  },
);
