// What an avatar shows without a picture: the person's initials, on a colour of their own.

/** "Ada Lovelace" → "AL", "grace" → "G"; without a name, the first letter of the email. */
export function initials(name: string | null | undefined, email: string): string {
  const words = (name ?? "").trim().split(/\s+/).filter(Boolean);
  const letters =
    words.length === 0
      ? [firstLetter(email)]
      : words.length === 1
        ? [firstLetter(words[0]!)]
        : [firstLetter(words[0]!), firstLetter(words.at(-1)!)];
  return letters.join("").toLocaleUpperCase("en") || "?";
}

/** The first character, whole even when it is outside the Basic Multilingual Plane. */
function firstLetter(word: string): string {
  return Array.from(word)[0] ?? "";
}

// Written out in full so Tailwind finds the classes. Each pairs a tint with dark text; in dark
// mode both flip (app/globals.css), keeping the contrast.
const TONES = [
  "bg-indigo-100 text-indigo-800",
  "bg-sky-100 text-sky-800",
  "bg-emerald-100 text-emerald-800",
  "bg-amber-100 text-amber-800",
  "bg-rose-100 text-rose-800",
  "bg-green-100 text-green-800",
  "bg-red-100 text-red-800",
] as const;

/** The same colour for the same person everywhere (derived from their id, not their name). */
export function avatarTone(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return TONES[hash % TONES.length]!;
}
