"use client";

import { useState, useTransition } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { notify } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/result";

/**
 * A react-hook-form form driven by the same zod schema as its server action: the schema
 * checks the fields as the user types and submits, the action checks them again on the
 * server, and any error it answers with lands next to its field (focused) or above the form
 * (`formError`, a `role="alert"` notice). A success is a toast worded by `success`.
 */
export function useActionForm<Schema extends z.ZodType<FieldValues, FieldValues>, Output>(options: {
  schema: Schema;
  action: (values: z.input<Schema>) => Promise<ActionResult<Output>>;
  defaultValues?: DefaultValues<z.input<Schema>>;
  success?: (data: Output, values: z.input<Schema>) => string | null;
  onSuccess?: (data: Output) => void;
}) {
  const form = useForm<z.input<Schema>, unknown, z.output<Schema>>({
    resolver: zodResolver(options.schema),
    defaultValues: options.defaultValues,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      // The action re-validates; the form sends what the user typed.
      const result = await options.action(values as z.input<Schema>);
      if (!result) return; // the action redirected
      if (result.ok) {
        const message = options.success?.(result.data, values as z.input<Schema>);
        if (message) notify.success(message);
        options.onSuccess?.(result.data);
        return;
      }
      const fieldNames = Object.keys(form.getValues());
      let shownOnField = false;
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) {
        if (message && fieldNames.includes(field)) {
          form.setError(field as Path<z.input<Schema>>, { message }, { shouldFocus: !shownOnField });
          shownOnField = true;
        }
      }
      if (!shownOnField) setFormError(result.error);
    });
  });

  const fieldError = (name: Path<z.input<Schema>>) => {
    const error = name
      .split(".")
      .reduce<unknown>(
        (node, key) => (node as Record<string, unknown> | undefined)?.[key],
        form.formState.errors,
      );
    return (error as { message?: string } | undefined)?.message;
  };

  return { form, onSubmit, pending, formError, fieldError };
}
