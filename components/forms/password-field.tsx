"use client";

import { useState, type ComponentProps } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { TextField } from "./text-field";

type PasswordFieldProps = Omit<ComponentProps<typeof TextField>, "type" | "trailing">;

/**
 * A password input with a Show/Hide button, so people can check what they typed (on a phone
 * especially). The button is a real button (Tab, Enter, Space) and appears only once scripts
 * run: before that it could do nothing. Its place is there from the start, so the input does
 * not move (or lose what was typed) when it appears.
 */
export function PasswordField(props: PasswordFieldProps) {
  const [shown, setShown] = useState(false);
  const hydrated = useHydrated();
  return (
    <TextField
      {...props}
      type={shown ? "text" : "password"}
      trailing={
        <>
          {hydrated && (
            <button
              type="button"
              onClick={() => setShown(!shown)}
              className="rounded px-2 py-1 text-xs font-medium text-indigo-700 hover:bg-zinc-100"
            >
              {shown ? "Hide" : "Show"}
              <span className="sr-only"> password</span>
            </button>
          )}
        </>
      }
    />
  );
}
