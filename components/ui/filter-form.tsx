import Link from "next/link";
import type { InputHTMLAttributes, ReactNode } from "react";
import { buttonClasses } from "./button";
import { controlClasses } from "./control";
import { Select } from "./select";

// The search-and-filter bar above a list. A search, not a change: the form GETs, so the view
// is a URL (linkable, back-button safe) and works without JavaScript; nothing in it is secret.

export type FilterOption = { value: string; label: string };

export function FilterForm({
  label,
  action,
  submitLabel,
  clear,
  children,
}: {
  /** The search landmark's name: "Filter the audit log". */
  label: string;
  action: string;
  submitLabel: string;
  /** Where "Clear" goes, shown only when something is chosen. */
  clear: { href: string; label?: string } | null;
  children: ReactNode;
}) {
  return (
    <form
      role="search"
      method="get"
      action={action}
      className="flex flex-wrap items-end gap-3"
      aria-label={label}
    >
      {children}
      <button type="submit" className={buttonClasses("secondary", "px-3 py-1.5 font-medium")}>
        {submitLabel}
      </button>
      {clear && (
        <Link
          href={clear.href}
          prefetch={false}
          className="py-1.5 text-sm font-medium text-indigo-700 hover:underline"
        >
          {clear.label ?? "Clear"}
        </Link>
      )}
    </form>
  );
}

/** A labelled text, search, email or date input of a filter form. */
export function FilterInput({
  id,
  label,
  wide,
  ...input
}: { id: string; label: string; wide?: boolean } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-zinc-600">
        {label}
      </label>
      <input id={id} {...input} className={controlClasses(false, "px-2.5 py-1.5", wide && "w-72")} />
    </div>
  );
}

/** A labelled choice of a filter form; `anyLabel` is the first option, which filters nothing. */
export function FilterSelect({
  id,
  label,
  name,
  defaultValue,
  anyLabel,
  options,
}: {
  id: string;
  label: string;
  name: string;
  defaultValue: string;
  anyLabel?: string;
  options: readonly FilterOption[];
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-zinc-600">
        {label}
      </label>
      <Select id={id} name={name} defaultValue={defaultValue} className="py-1.5 pl-2.5">
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </div>
  );
}
