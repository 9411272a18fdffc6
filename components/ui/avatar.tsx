import { cn } from "@/lib/ui/cn";
import { avatarTone, initials } from "@/lib/ui/avatar";

const SIZES = { sm: "size-6 text-[0.625rem]", md: "size-8 text-xs", lg: "size-12 text-base" } as const;

/**
 * A person's initials in a circle of their colour. Decorative (`aria-hidden`): their name is
 * always written next to it, and a screen reader should not read "AL Ada Lovelace".
 */
export function Avatar({
  id,
  name,
  email,
  size = "md",
  className,
}: {
  /** The user's id: the colour stays the same when the name changes. */
  id: string;
  name: string | null | undefined;
  email: string;
  size?: keyof typeof SIZES;
  className?: string;
}) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "inline-flex shrink-0 items-center justify-center rounded-full font-semibold select-none",
        SIZES[size],
        avatarTone(id),
        className,
      )}
    >
      {initials(name, email)}
    </span>
  );
}
