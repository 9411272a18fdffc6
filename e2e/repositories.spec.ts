import { expect, test } from "./support/test";
import { joinViaInvitation, signUp } from "./support/pages";
import { newPerson } from "./support/data";
import { defaultProjectKey } from "@/lib/projects/projects";

test("repositories: add one, link it to a project, and those who see the project see it", async ({
  page,
  browser,
}, testInfo) => {
  // Two people, each through their email (sign-up, invitation), and a dozen pages: on a busy
  // machine this outlasts the default 30 seconds.
  test.slow();
  const { shortName } = await signUp(page);
  // A new account's first project is named after it.
  const project = { name: shortName, key: defaultProjectKey(shortName) };
  await page.getByRole("link", { name: "Repositories" }).click();
  await expect(page).toHaveURL(`/a/${shortName}/repositories`);
  await expect(page.getByText("No repositories yet. Add the first one above.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Repositories" })).toHaveCount(0);

  // Only Git URLs, and none that carries a password.
  await page.getByLabel("Name", { exact: true }).fill("web");
  await expect(page.getByLabel("Default branch")).toHaveValue("main");
  const cloneUrl = page.getByLabel("Clone URL");
  await cloneUrl.fill("ftp://example.com/x.git");
  await page.getByRole("button", { name: "Add repository" }).click();
  await expect(cloneUrl).toHaveAccessibleDescription(/Use an https or ssh URL/);
  await cloneUrl.fill("https://alice:secret@github.com/acme/web.git");
  await page.getByRole("button", { name: "Add repository" }).click();
  await expect(cloneUrl).toHaveAccessibleDescription(/Leave the user name and password out of the URL/);
  await expect(page).toHaveURL(`/a/${shortName}/repositories`);

  await cloneUrl.fill("git@github.com:acme/web.git");
  await page.getByRole("button", { name: "Add repository" }).click();
  await expect(page).toHaveURL(`/a/${shortName}/repositories/web`);
  await expect(page.getByRole("heading", { name: "web", exact: true })).toBeVisible();
  await expect(page.getByText("git@github.com:acme/web.git", { exact: true })).toBeVisible();
  await expect(page.getByText("Not linked to any project you can see.")).toBeVisible();

  await page.getByLabel("Link to a project").selectOption(project.key);
  await page.getByRole("button", { name: "Link", exact: true }).click();
  const linked = page.getByRole("list", { name: "Linked projects" });
  await expect(linked.getByRole("listitem")).toHaveCount(1);
  await expect(linked.getByRole("link", { name: project.name, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: `Unlink ${project.name}` })).toBeVisible();
  // It was the only project, so there is nothing left to link it to.
  await expect(page.getByText("Every project you can see uses this repository already.")).toBeVisible();

  // A guest sees the repository only once they can see a project that uses it.
  const colleague = newPerson("Colleague");
  const colleaguePage = await joinViaInvitation(page, browser, testInfo, shortName, colleague, "Guest");
  const response = await colleaguePage.goto(`/a/${shortName}/repositories/web`);
  expect(response?.status()).toBe(404);

  await page.goto(`/a/${shortName}/projects/${project.key}`);
  await page.getByLabel("Email of a member").fill(colleague.email);
  await page.getByLabel("Project role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Give access" }).click();
  await expect(page.getByText(`${colleague.name} has access now.`)).toBeVisible();

  await colleaguePage.goto(`/a/${shortName}/projects/${project.key}`);
  const repositories = colleaguePage.getByRole("table", { name: "Repositories" });
  await expect(repositories.getByRole("row")).toHaveCount(2);
  await expect(repositories.getByText("git@github.com:acme/web.git")).toBeVisible();
  await repositories.getByRole("link", { name: "web", exact: true }).click();
  await expect(colleaguePage).toHaveURL(`/a/${shortName}/repositories/web`);
  await expect(colleaguePage.getByRole("heading", { name: "web", exact: true })).toBeVisible();
  await expect(
    colleaguePage.getByRole("list", { name: "Linked projects" }).getByRole("link", { name: project.name }),
  ).toBeVisible();
  // They see it but change nothing.
  await expect(colleaguePage.getByRole("button", { name: "Delete repository" })).toHaveCount(0);
  await expect(colleaguePage.getByRole("button", { name: "Link", exact: true })).toHaveCount(0);
  await expect(colleaguePage.getByRole("button", { name: `Unlink ${project.name}` })).toHaveCount(0);
  await expect(colleaguePage.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);

  // Deleting asks for the repository's name.
  await page.goto(`/a/${shortName}/repositories/web`);
  await page.getByLabel("Type web to confirm").fill("web");
  await page.getByRole("button", { name: "Delete repository" }).click();
  await expect(page).toHaveURL(`/a/${shortName}/repositories`);
  await expect(page.getByText("No repositories yet. Add the first one above.")).toBeVisible();
  const gone = await colleaguePage.goto(`/a/${shortName}/repositories/web`);
  expect(gone?.status()).toBe(404);
  await colleaguePage.close();
});
