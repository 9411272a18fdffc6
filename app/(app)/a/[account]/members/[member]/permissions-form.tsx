"use client";

import { useEffect, useRef, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Switch } from "@/components/ui/switch";
import type { PermissionChangeSummary, PermissionSetting } from "@/lib/members/manage";
import { PERMISSIONS, type Permission } from "@/lib/permissions/permissions";
import { updateMemberPermissionsAction } from "./actions";

export type PermissionRow = {
  permission: Permission;
  label: string;
  effective: boolean;
  /** Whether the role gives it. */
  fromRole: boolean;
  /** This member's exception: granted (true), withdrawn (false), or none. */
  override: boolean | null;
  /** Whether the viewer may change it (they manage the member and hold the permission). */
  editable: boolean;
};

const describe = (list: Permission[]) => list.map((p) => PERMISSIONS[p]).join(", ");

function summaryText(summary: PermissionChangeSummary): string {
  const parts = [
    summary.granted.length > 0 && `Granted: ${describe(summary.granted)}.`,
    summary.withdrawn.length > 0 && `Withdrawn: ${describe(summary.withdrawn)}.`,
    summary.reset.length > 0 && `Back to the role's default: ${describe(summary.reset)}.`,
  ].filter(Boolean);
  return parts.length > 0 ? `Saved. ${parts.join(" ")}` : "Nothing changed.";
}

/** A switch per permission showing its effective value; changes save together. */
export function PermissionsForm({
  account,
  membershipId,
  rows,
  canEdit,
}: {
  account: string;
  membershipId: string;
  rows: PermissionRow[];
  canEdit: boolean;
}) {
  const initial = Object.fromEntries(rows.map((r) => [r.permission, r.effective])) as Record<
    Permission,
    boolean
  >;
  const [wanted, setWanted] = useState(initial);
  const [resets, setResets] = useState<Set<Permission>>(new Set());
  // When the saved permissions change (a save, a role change), the switches start from them again.
  const serverState = JSON.stringify(rows.map((r) => [r.effective, r.override]));
  const [shown, setShown] = useState(serverState);
  if (shown !== serverState) {
    setShown(serverState);
    setWanted(initial);
    setResets(new Set());
  }
  // Saved or discarded, there is nothing to save: Save is disabled and Discard gone. Focus goes
  // back to the switch of the row last changed, once the switches are enabled again.
  const lastSwitch = useRef<string | null>(null);
  const refocus = useRef(false);
  const save = useAction(updateMemberPermissionsAction, {
    success: summaryText,
    onSuccess: () => {
      setResets(new Set());
      refocus.current = true;
    },
  });
  const pending = save.pending;
  useEffect(() => {
    if (!refocus.current || pending) return;
    refocus.current = false;
    if (lastSwitch.current) document.getElementById(lastSwitch.current)?.focus();
  });

  const settings: Partial<Record<Permission, PermissionSetting>> = {};
  for (const row of rows) {
    if (resets.has(row.permission)) settings[row.permission] = "default";
    else if (wanted[row.permission] !== row.effective) {
      settings[row.permission] =
        wanted[row.permission] === row.fromRole ? "default" : wanted[row.permission] ? "grant" : "withdraw";
    }
  }
  const dirty = Object.keys(settings).length > 0;

  return (
    <form
      method="post"
      className="mt-4"
      onSubmit={(event) => {
        event.preventDefault();
        save.run({ account, membershipId, settings });
      }}
    >
      <ul className="divide-y divide-zinc-100 rounded-md ring-1 ring-zinc-200" aria-label="Permissions">
        {rows.map((row) => {
          const on = resets.has(row.permission) ? row.fromRole : wanted[row.permission];
          const id = `permission-${row.permission}`;
          const changed = on !== row.effective;
          const note =
            row.override === true
              ? "Granted for this member"
              : row.override === false
                ? "Withdrawn for this member"
                : "Role default";
          return (
            <li key={row.permission} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div>
                <span id={`${id}-label`} className="block text-sm font-medium">
                  {row.label}
                </span>
                <span className="block font-mono text-xs text-zinc-500">{row.permission}</span>
              </div>
              {/* Right-aligned even when wrapped under the label on a phone: the switch keeps its
                  place while the note beside it changes. */}
              <div className="ml-auto flex items-center gap-3">
                <span
                  className={`text-xs ${row.override === null ? "text-zinc-500" : "font-medium text-amber-700"}`}
                >
                  {changed ? "Unsaved change" : note}
                </span>
                {row.override !== null && canEdit && row.editable && !resets.has(row.permission) && (
                  <button
                    type="button"
                    className="text-xs font-medium text-indigo-700 underline"
                    onClick={() => {
                      setResets(new Set(resets).add(row.permission));
                      setWanted({ ...wanted, [row.permission]: row.fromRole });
                      lastSwitch.current = `${id}-switch`;
                      save.clearError();
                    }}
                  >
                    Reset<span className="sr-only"> {row.label} to the role default</span>
                  </button>
                )}
                <Switch
                  id={`${id}-switch`}
                  checked={on}
                  aria-labelledby={`${id}-label`}
                  disabled={!canEdit || !row.editable || pending}
                  title={
                    canEdit && !row.editable
                      ? "You can only change permissions you hold yourself."
                      : undefined
                  }
                  onChange={() => {
                    const next = new Set(resets);
                    next.delete(row.permission);
                    setResets(next);
                    setWanted({ ...wanted, [row.permission]: !on });
                    lastSwitch.current = `${id}-switch`;
                    save.clearError();
                  }}
                />
              </div>
            </li>
          );
        })}
      </ul>
      {canEdit && (
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <Button type="submit" pending={pending} disabled={!dirty}>
            Save permissions
          </Button>
          {dirty && (
            <Button
              variant="ghost"
              onClick={() => {
                setWanted(initial);
                setResets(new Set());
                refocus.current = true;
              }}
            >
              Discard changes
            </Button>
          )}
        </div>
      )}
      {save.error && (
        <div className="mt-4">
          <Notice tone="error">{save.error}</Notice>
        </div>
      )}
    </form>
  );
}
