"use client";

import type { UseFormRegisterReturn } from "react-hook-form";
import { TextField } from "./text-field";

/**
 * The account short name: lowercased as it is typed, with the URL it will become. Short names
 * never change, so the hint says so.
 */
export function ShortNameField({
  registration,
  value,
  error,
}: {
  registration: UseFormRegisterReturn;
  value: string | undefined;
  error?: string;
}) {
  return (
    <TextField
      label="Short name"
      autoComplete="off"
      spellCheck={false}
      autoCapitalize="none"
      maxLength={32}
      error={error}
      hint={
        <>
          Your account&apos;s address: <span className="font-mono">/a/{value || "short-name"}</span>. It
          cannot be changed later.
        </>
      }
      {...registration}
      onChange={(event) => {
        event.target.value = event.target.value.toLowerCase();
        return registration.onChange(event);
      }}
    />
  );
}
