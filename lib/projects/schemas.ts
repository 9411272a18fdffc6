import { z } from "zod";
import { PROJECT_ROLE_NAMES } from "./project-roles";

// Shared by forms (react-hook-form's zodResolver) and server actions (safeParse).

export const projectKeySchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9]{1,9}$/, "Use 2 to 10 letters and digits, starting with a letter, like WEB.")
  .transform((key) => key.toUpperCase());

export const projectNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Use at most 100 characters.");

export const projectDescriptionSchema = z.string().trim().max(2000, "Use at most 2,000 characters.");

export const projectRoleSchema = z.enum(PROJECT_ROLE_NAMES, "Choose a project role.");

export const createProjectSchema = z.object({
  name: projectNameSchema,
  key: projectKeySchema,
  description: projectDescriptionSchema,
});

export const updateProjectSchema = z.object({
  name: projectNameSchema,
  description: projectDescriptionSchema,
});

export const archiveProjectSchema = z.object({ archived: z.enum(["true", "false"]) });

export const deleteProjectSchema = z.object({
  confirmName: z.string().trim().min(1, "Type the project's name."),
});

export const addProjectMemberSchema = z.object({
  email: z.string().trim().min(1, "Enter the email of a member of this account.").max(254),
  role: projectRoleSchema,
});

export const changeProjectMemberSchema = z.object({ membershipId: z.uuid(), role: projectRoleSchema });

export const removeProjectMemberSchema = z.object({ membershipId: z.uuid() });

export const grantProjectsSchema = z.object({
  membershipId: z.uuid(),
  projectKeys: z
    .union([projectKeySchema, z.array(projectKeySchema)], "Choose at least one project.")
    .transform((keys) => (Array.isArray(keys) ? keys : [keys]))
    .pipe(z.array(z.string()).min(1, "Choose at least one project.").max(200)),
  role: projectRoleSchema,
});

/**
 * Projects picked with checkboxes, where picking none is fine: one checkbox sends a string,
 * several a list, none nothing (or `false`, from the form library).
 */
export const optionalProjectKeysSchema = z
  .union([projectKeySchema, z.array(projectKeySchema), z.literal(false)], "Choose projects from the list.")
  .optional()
  .transform((keys) => [
    ...new Set(keys === undefined || keys === false ? [] : Array.isArray(keys) ? keys : [keys]),
  ])
  .pipe(z.array(z.string()).max(200, "Choose at most 200 projects."));
