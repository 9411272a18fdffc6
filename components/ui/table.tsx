import {
  Children,
  cloneElement,
  isValidElement,
  type ComponentProps,
  type ReactElement,
  type ReactNode,
} from "react";

// Below the `sm` breakpoint a table becomes stacked rows: each row a block, each cell a line
// led by its column's name, so a phone never scrolls sideways. The names come from the
// header cells (one place to write them), copied onto each body cell as `data-label`.
// Explicit roles keep the table a table to screen readers once its display is `block`.

type Props = { children?: ReactNode; className?: string; colSpan?: number; "aria-hidden"?: unknown };

/** The text a sighted reader sees in a header cell (neither `aria-hidden` nor `sr-only` parts). */
function visibleText(node: ReactNode): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(visibleText).join("");
  if (!isValidElement<Props>(node)) return "";
  const { children, className = "", "aria-hidden": hidden } = node.props;
  if (hidden || /(^|\s)sr-only(\s|$)/.test(className)) return "";
  return visibleText(children);
}

const elementsOf = (children: ReactNode) =>
  Children.toArray(children).filter((child) => isValidElement<Props>(child)) as ReactElement<Props>[];

/** The column labels of the header row, one per column (a cell spanning n columns counts n). */
function columnLabels(head: ReactElement<Props> | undefined): string[] {
  const row = elementsOf(head?.props.children)[0];
  return elementsOf(row?.props.children).flatMap((cell) =>
    Array<string>(cell.props.colSpan ?? 1).fill(visibleText(cell.props.children).trim()),
  );
}

function labelRows(body: ReactElement<Props>, labels: string[]) {
  return cloneElement(body, {
    role: "rowgroup",
    children: elementsOf(body.props.children).map((row) => {
      let column = 0;
      return cloneElement(row, {
        role: "row",
        children: elementsOf(row.props.children).map((cell) => {
          const span = cell.props.colSpan ?? 1;
          const label = span === 1 ? labels[column] : undefined;
          column += span;
          return label ? cloneElement(cell, { "data-label": label } as object) : cell;
        }),
      } as object);
    }),
  } as object);
}

export function Table({ caption, children }: { caption?: string; children: ReactNode }) {
  const parts = elementsOf(children);
  const head = parts.find((part) => part.type === "thead");
  const labels = columnLabels(head);
  return (
    // `relative`: a visually hidden header (absolutely positioned) stays inside this box. A
    // named region in the Tab order, so a keyboard can scroll a table wider than the screen.
    <div
      role={caption ? "region" : undefined}
      aria-label={caption}
      tabIndex={caption ? 0 : undefined}
      className="relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <table
        role="table"
        className="min-w-full divide-y divide-zinc-200 text-sm max-sm:block max-sm:[&>tbody]:block max-sm:[&>tbody>tr]:block max-sm:[&>tbody>tr]:py-2 max-sm:[&>thead]:sr-only"
      >
        {caption && <caption className="sr-only">{caption}</caption>}
        {parts.map((part) =>
          part.type === "tbody"
            ? labelRows(part, labels)
            : part.type === "thead"
              ? cloneElement(part, {
                  role: "rowgroup",
                  children: elementsOf(part.props.children).map((row) =>
                    cloneElement(row, { role: "row" } as object),
                  ),
                } as object)
              : part,
        )}
      </table>
    </div>
  );
}

export function Th({ className = "", ...props }: ComponentProps<"th">) {
  return (
    <th
      scope="col"
      role="columnheader"
      className={`px-4 py-2.5 text-left text-xs font-semibold tracking-wide text-zinc-500 uppercase ${className}`}
      {...props}
    />
  );
}

/** A body cell; on a phone, a line of its row, led by its column's name (`data-label`, set by Table). */
export function Td({ className = "", ...props }: ComponentProps<"td">) {
  return (
    <td
      role="cell"
      className={`px-4 py-3 align-middle max-sm:block max-sm:py-1 max-sm:text-left max-sm:whitespace-normal max-sm:wrap-break-word max-sm:before:block max-sm:before:text-xs max-sm:before:font-semibold max-sm:before:tracking-wide max-sm:before:text-zinc-500 max-sm:before:uppercase max-sm:before:content-[attr(data-label)_/_""] ${className}`}
      {...props}
    />
  );
}
