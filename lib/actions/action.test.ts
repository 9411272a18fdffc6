import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { auditEvents } from "@/db/schema";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { loadProjectContext } from "@/lib/projects/project-context";
import { addProjectMember } from "@/lib/projects/project-members";
import { createProject } from "@/lib/projects/projects";
import { callerFor, memberContextOf, signUp, signUpAndJoin } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { memberAction, projectAction } from "./action";

const t = testDatabase();
const SECRET = "hunter2-do-not-log";

// Actions of their own, so the test says what the layer does whatever the app's actions become.
const manageMembers = memberAction(
  { schema: z.object({ password: z.string() }), permission: "members.manage" },
  async () => "done",
);
const editProject = projectAction(
  { schema: z.object({ token: z.string() }), capability: "edit" },
  async (_input, ctx) => ctx.project.key,
);

const refusalsBy = (userId: string) =>
  t.db
    .select({
      accountId: auditEvents.accountId,
      actorEmail: auditEvents.actorEmail,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      data: auditEvents.data,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, "authorization.denied")));

describe("an action refused for lack of a permission", () => {
  it("is audit-logged in the account, with what was asked and never the input", async () => {
    const owner = await signUp(t.db);
    const member = await signUpAndJoin(t.db, owner.account.id, "member", "Mia Member");
    const caller = await callerFor(t.db, member.email);

    const result = await manageMembers.runAs(caller, { account: owner.account.shortName, password: SECRET });
    expect(result).toMatchObject({ ok: false, code: "forbidden" });

    const events = await refusalsBy(member.user.id);
    expect(events).toEqual([
      {
        accountId: owner.account.id,
        actorEmail: member.email,
        targetType: null,
        targetId: null,
        data: { action: "members.manage" },
      },
    ]);
    expect(JSON.stringify(events)).not.toContain(SECRET);
  });

  it("logs nothing when the caller may (or when an outsider is told the account does not exist)", async () => {
    const owner = await signUp(t.db);
    const outsider = await signUp(t.db);
    const input = { account: owner.account.shortName, password: SECRET };

    expect(await manageMembers.runAs(await callerFor(t.db, owner.email), input)).toEqual({
      ok: true,
      data: "done",
    });
    expect(await manageMembers.runAs(await callerFor(t.db, outsider.email), input)).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await refusalsBy(owner.user.id)).toEqual([]);
    expect(await refusalsBy(outsider.user.id)).toEqual([]);
  });

  it("inside a project, is logged with the capability asked and the project", async () => {
    const owner = await signUp(t.db);
    const viewer = await signUpAndJoin(t.db, owner.account.id, "member", "Vic Viewer");
    const ownerCtx = await memberContextOf(t.db, owner.user, owner.account.shortName);
    const project = await createProject(
      t.db,
      ownerCtx,
      { name: "Web", key: "WEB", description: "" },
      NO_REQUEST_META,
    );
    const managerCtx = (await loadProjectContext(t.db, ownerCtx, project.key))!;
    await addProjectMember(t.db, managerCtx, { email: viewer.email, role: "viewer" }, NO_REQUEST_META);
    const input = { account: owner.account.shortName, project: project.key, token: SECRET };

    expect(await editProject.runAs(await callerFor(t.db, viewer.email), input)).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await editProject.runAs(await callerFor(t.db, owner.email), input)).toEqual({
      ok: true,
      data: "WEB",
    });

    const events = await refusalsBy(viewer.user.id);
    expect(events).toEqual([
      {
        accountId: owner.account.id,
        actorEmail: viewer.email,
        targetType: "project",
        targetId: project.id,
        data: { action: "project.edit" },
      },
    ]);
    expect(JSON.stringify(events)).not.toContain(SECRET);
    expect(await refusalsBy(owner.user.id)).toEqual([]);
  });
});
