"use client";

import { useState, useTransition } from "react";
import { notify } from "@/components/ui/toast";
import type { Action } from "@/lib/actions/action";
import type { ActionResult } from "@/lib/actions/result";

type UseActionOptions<Input, Output> = {
  success?: string | ((data: Output, input: Input) => string | null) | null;
  onSuccess?: (data: Output, input: Input) => void;
};

type UseAction<Input> = {
  run: (input: Input) => void;
  pending: boolean;
  error: string | null;
  clearError: () => void;
};

/**
 * A button (or a form without fields of its own) that calls a server action: `run(input)`
 * calls it, `pending` is true until it answers, a success is a toast (`success`, its text),
 * and a refusal is `error`, for the caller to show beside the button (a `role="alert"`
 * element, so it is announced). An action that redirects simply leaves the page.
 *
 * `onSuccess` is where a caller moves focus when the control that was pressed goes away.
 */
export function useAction<Input, Output>(
  action: Action<Input, Output>,
  options?: UseActionOptions<Input, Output>,
): UseAction<Input>;
export function useAction<Input, Output>(
  action: (input: Input) => Promise<ActionResult<Output> | undefined>,
  options?: UseActionOptions<Input, Output>,
): UseAction<Input>;
export function useAction<Input, Output>(
  action: (input: Input) => Promise<ActionResult<Output> | undefined>,
  options: UseActionOptions<Input, Output> = {},
): UseAction<Input> {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const { success, onSuccess } = options;

  const run = (input: Input) => {
    setError(null);
    startTransition(async () => {
      const result = await action(input);
      if (!result) return; // it redirected
      if (!result.ok) {
        setError(result.error);
        return;
      }
      const message = typeof success === "function" ? success(result.data, input) : success;
      if (message) notify.success(message);
      onSuccess?.(result.data, input);
    });
  };

  return { run, pending, error, clearError: () => setError(null) };
}
