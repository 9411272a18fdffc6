"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { notify } from "@/components/ui/toast";
import { useHydrated } from "@/components/use-hydrated";
import type { ActionResult } from "@/lib/actions/result";

type FormAction<Output> = (
  previous: ActionResult<Output> | null,
  formData: FormData,
) => Promise<ActionResult<Output>>;

/**
 * A form whose server action is its `action`, so it posts and works before the page's
 * scripts load (or without them), and never puts what was typed in the URL. Once hydrated,
 * the same zod schema checks the fields in the browser first, and the form submits through
 * the same action without a page load. The action's answer (`state`) drives the errors next
 * to fields, the message above the form, and the values typed before (never a password).
 *
 * Spread `formProps` on the `<form>` and `field(name)` on each input.
 *
 * `success` words a success. With scripts it is a toast, so successes do not pile up in the
 * page; a page rendered from a POST made without them shows it as `successNotice` instead
 * (render it above the form: it is null whenever the toast has it).
 */
export function useFormAction<Schema extends z.ZodType<FieldValues, FieldValues>, Output>(options: {
  schema: Schema;
  action: FormAction<Output>;
  defaultValues: DefaultValues<z.input<Schema>>;
  success?: (data: Output) => string | null;
}) {
  const [state, dispatch, pending] = useActionState(options.action, null);
  const hydrated = useHydrated();
  const successText = state?.ok && options.success ? options.success(state.data) : null;
  // Once per answer: `state` is a new object for every submission, the same one on re-renders.
  const toasted = useRef<typeof state>(null);
  useEffect(() => {
    if (!hydrated || !successText || toasted.current === state) return;
    toasted.current = state;
    notify.success(successText);
  }, [hydrated, state, successText]);
  const values = { ...options.defaultValues, ...state?.values } as DefaultValues<z.input<Schema>>;
  // No defaultValues here: each input renders its value into the page (`field()`), and the
  // form reads it from there when it hydrates, so whatever was typed before the scripts
  // loaded is kept, not reset.
  const form = useForm<z.input<Schema>, unknown, z.output<Schema>>({
    resolver: zodResolver(options.schema),
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const fieldNames = Object.keys(options.defaultValues);
  const serverErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const firstServerField = fieldNames.find((name) => serverErrors[name]);

  // With scripts, move focus to the first field the server refused (or keep it where it is).
  const { setFocus } = form;
  useEffect(() => {
    if (firstServerField) setFocus(firstServerField as Path<z.input<Schema>>);
  }, [state, firstServerField, setFocus]);

  const formRef = useRef<HTMLFormElement>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    void form.handleSubmit(() => {
      startTransition(() => dispatch(new FormData(element, submitter)));
    })(event);
  };

  const fieldError = (name: Path<z.input<Schema>>): string | undefined => {
    const clientError = (form.formState.errors as Record<string, { message?: string } | undefined>)[name];
    return clientError?.message ?? serverErrors[name];
  };

  /** An input's registration, with its value rendered into the page (for a page without scripts). */
  const field = (name: Path<z.input<Schema>>) => ({
    ...form.register(name),
    defaultValue: (values as Record<string, string | undefined>)[name],
  });

  return {
    form,
    state,
    pending,
    field,
    fieldError,
    /** The action's refusal when no field shows it. */
    formError: state && !state.ok && !firstServerField ? state.error : null,
    /** The success, for a page without scripts (with them it is a toast). */
    successNotice: hydrated ? null : successText,
    formProps: { ref: formRef, action: dispatch, onSubmit, noValidate: true },
  };
}
