import Link from "next/link";
import type { InputHTMLAttributes, ReactNode } from "react";

// The search-and-filter bar above a list. A search, not a change: the form GETs, so the view
// is a URL (linkable, back-button safe) and works without JavaScript; nothing in it is secret.

const FIELD =
  "rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none";

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
      <button
        type="submit"
        className="rounded-md bg-white px-3 py-1.5 text-sm font-medium ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50"
      >
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
      <input id={id} {...input} className={`${FIELD} ${wide ? "w-72" : ""}`} />
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
      <select id={id} name={name} defaultValue={defaultValue} className={FIELD}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
