import type { ProjectRole } from "@/db/schema";

/** What a project role (or `projects.manage`) lets a person do inside one project. */
export type ProjectCapability =
  /** See the project, who has access, and its details. */
  | "view"
  /** Change the project's description. */
  | "edit"
  /** Add people to the project, change their project role, remove them. */
  | "manage_access"
  /** Rename, archive or delete the project: only with the account permission `projects.manage`. */
  | "administer";

type ProjectRoleDefinition = {
  label: string;
  description: string;
  capabilities: readonly ProjectCapability[];
};

/** The project roles, as data, lowest first. */
export const PROJECT_ROLES: Record<ProjectRole, ProjectRoleDefinition> = {
  viewer: { label: "Viewer", description: "Sees the project and who works in it.", capabilities: ["view"] },
  editor: {
    label: "Editor",
    description: "Also edits the project's description.",
    capabilities: ["view", "edit"],
  },
  manager: {
    label: "Manager",
    description: "Also decides who has access to the project, and as what.",
    capabilities: ["view", "edit", "manage_access"],
  },
};

export const PROJECT_ROLE_NAMES = Object.keys(PROJECT_ROLES) as ProjectRole[];
