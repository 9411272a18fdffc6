import { describe, expect, it } from "vitest";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { changeMemberRole } from "@/lib/members/manage";
import { grantProjects } from "@/lib/projects/member-projects";
import { loadProjectContext } from "@/lib/projects/project-context";
import {
  addProjectMember,
  changeProjectMemberRole,
  removeProjectMember,
} from "@/lib/projects/project-members";
import { createProject } from "@/lib/projects/projects";
import { memberContextOf, signUp, signUpAndJoin } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { listAuditEvents } from "./queries";

const t = testDatabase();
const meta = NO_REQUEST_META;

describe("the person an event is about", () => {
  it("is recorded by the changes made to someone's membership, so that the person filter finds them", async () => {
    const owner = await signUp(t.db, { name: "Olga Owner" });
    const ownerCtx = await memberContextOf(t.db, owner.user, owner.account.shortName);
    const ada = await signUpAndJoin(t.db, owner.account.id, "member", "Ada Lovelace");
    await createProject(t.db, ownerCtx, { name: "Website", key: "WEB", description: "" }, meta);
    await createProject(t.db, ownerCtx, { name: "Operations", key: "OPS", description: "" }, meta);
    const web = (await loadProjectContext(t.db, ownerCtx, "WEB"))!;

    await changeMemberRole(t.db, ownerCtx, ada.membershipId, "guest", meta);
    await addProjectMember(t.db, web, { email: ada.email, role: "viewer" }, meta);
    await changeProjectMemberRole(t.db, web, { membershipId: ada.membershipId, role: "editor" }, meta);
    await removeProjectMember(t.db, web, ada.membershipId, meta);
    await grantProjects(
      t.db,
      ownerCtx,
      { membershipId: ada.membershipId, projectKeys: ["OPS"], role: "viewer" },
      meta,
    );

    const { events } = await listAuditEvents(t.db, owner.account.id, { person: ada.user.id }, null);
    expect(events.map((e) => e.action).sort()).toEqual([
      "member.role_changed",
      "project.member_added",
      "project.member_added",
      "project.member_removed",
      "project.member_role_changed",
    ]);
    expect(events.every((e) => e.targetUserId === ada.user.id && e.actorUserId === owner.user.id)).toBe(true);
    expect(events[0]!.targetEmail).toBe(ada.email);
  });
});
