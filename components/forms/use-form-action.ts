"use client";

import { useActionState, useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { keepFocusWhenRemoved } from "@/components/ui/keep-focus";
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
 * the same zod schema checks the fields in the browser first, and the form calls the same
 * action itself, without a page load. The action's answer (`state`) drives the errors next
 * to fields, the message above the form, and the values typed before (never a password).
 *
 * Spread `formProps` on the `<form>` and `field(name)` on each input.
 *
 * `success` words a success. With scripts it is a toast, shown from the call itself, so it is
 * said even when the answer replaces this form (a form keyed by what it changed); a page
 * rendered from a POST made without them shows it as `successNotice` instead (render it above
 * the form: it is null whenever the toast has it).
 *
 * Focus stays on the submit button (pending is `aria-disabled`, not `disabled`); when the answer
 * removes it (a form keyed by what it changed is a new form afterwards, a row goes away, the
 * action redirects), it goes to what took its place (`keepFocusWhenRemoved`).
 */
export function useFormAction<Schema extends z.ZodType<FieldValues, FieldValues>, Output>(options: {
  schema: Schema;
  action: FormAction<Output>;
  defaultValues: DefaultValues<z.input<Schema>>;
  success?: (data: Output) => string | null;
}) {
  // Without scripts the form posts to the action and the page renders again with its answer.
  const [posted, formAction] = useActionState(options.action, null);
  // With scripts the form calls the action and keeps its answer here.
  const [answer, setAnswer] = useState<ActionResult<Output> | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const state = answer ?? posted;
  const wordSuccess = (result: ActionResult<Output> | null) =>
    result?.ok && options.success ? options.success(result.data) : null;

  // A POST made before the scripts loaded: once they run, its success becomes a toast too.
  const postedSuccess = wordSuccess(posted);
  const toasted = useRef<typeof posted>(null);
  useEffect(() => {
    if (!hydrated || !postedSuccess || toasted.current === posted) return;
    toasted.current = posted;
    notify.success(postedSuccess);
  }, [hydrated, posted, postedSuccess]);

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
      const formData = new FormData(element, submitter);
      const focused = document.activeElement;
      if (focused && focused !== document.body) keepFocusWhenRemoved(focused);
      startTransition(async () => {
        // The previous answer stays here: the action reads only the form.
        const result = await options.action(null, formData);
        if (!result) return; // the action redirected
        if (result.ok) {
          const message = wordSuccess(result);
          if (message) notify.success(message);
        }
        setAnswer(result);
      });
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
    successNotice: hydrated ? null : postedSuccess,
    formProps: { ref: formRef, action: formAction, onSubmit, noValidate: true },
  };
}
