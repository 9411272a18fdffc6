"use client";

import { useTransition } from "react";
import { signOutAction } from "@/app/(app)/actions";
import { Button } from "./ui/button";

export function SignOutButton() {
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="ghost"
      pending={pending}
      onClick={() => startTransition(async () => void (await signOutAction({})))}
    >
      Sign out
    </Button>
  );
}
