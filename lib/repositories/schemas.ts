import { z } from "zod";
import { projectKeySchema } from "@/lib/projects/schemas";

// Shared by forms (react-hook-form's zodResolver) and server actions (safeParse).

/** Like a Git host's repository names: letters, digits, `.`, `-`, `_`; it is the page's address. */
export const repositoryNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Use at most 100 characters.")
  .regex(
    /^[A-Za-z0-9_][A-Za-z0-9._-]*$/,
    "Use letters, digits, dots, dashes and underscores, starting with a letter, digit or underscore.",
  );

/** `git@host:owner/repo.git`: the scp-like form of an ssh URL. */
const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:(?!\/\/)[A-Za-z0-9._~\/-]+$/;
const HOST = /^[A-Za-z0-9.-]+$/;

/**
 * Where the repository is cloned from, as Git understands it: `https://…`, `ssh://…` or
 * `user@host:path`. Credentials in the URL are refused: they would be shown to everyone who
 * can see the repository.
 */
export function cloneUrlProblem(value: string): string | null {
  if (SCP_LIKE.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter an https or ssh Git URL, like https://github.com/acme/web.git or git@github.com:acme/web.git.";
  }
  if (url.protocol !== "https:" && url.protocol !== "ssh:") {
    return "Use an https or ssh URL (https://… , ssh://… or git@host:path).";
  }
  if (!HOST.test(url.hostname)) return "Enter the URL's host, like github.com.";
  if (url.password || (url.protocol === "https:" && url.username)) {
    return "Leave the user name and password out of the URL: everyone who sees the repository sees it.";
  }
  if (url.pathname.replace(/\/+$/, "") === "") return "Add the repository's path, like /acme/web.git.";
  if (url.search || url.hash) return "Leave out the ? and # parts of the URL.";
  return null;
}

export const cloneUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter the clone URL.")
  .max(500, "Use at most 500 characters.")
  .superRefine((value, ctx) => {
    const problem = cloneUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** A branch name as `git check-ref-format --branch` accepts it (the common rules). */
export const defaultBranchSchema = z
  .string()
  .trim()
  .min(1, "Enter the default branch, like main.")
  .max(255, "Use at most 255 characters.")
  .refine(
    (branch) =>
      !/[\s~^:?*[\\\x00-\x1f\x7f]/.test(branch) &&
      !branch.includes("..") &&
      !branch.includes("@{") &&
      !branch.includes("//") &&
      !/^[/.-]|[/.]$|\.lock$|\/\./.test(branch),
    "Git would not accept this branch name. Use letters, digits, dashes, dots and slashes, like main.",
  );

export const repositoryDescriptionSchema = z.string().trim().max(2000, "Use at most 2,000 characters.");

export const repositoryFieldsSchema = z.object({
  name: repositoryNameSchema,
  cloneUrl: cloneUrlSchema,
  defaultBranch: defaultBranchSchema,
  description: repositoryDescriptionSchema,
});

export const updateRepositorySchema = repositoryFieldsSchema.extend({ repository: z.string().max(100) });

export const deleteRepositorySchema = z.object({
  repository: z.string().max(100),
  confirmName: z.string().trim().min(1, "Type the repository's name."),
});

export const repositoryProjectLinkSchema = z.object({
  repository: z.string().max(100),
  projectKey: projectKeySchema,
});
