import type { Metadata } from "next";
import { NotFoundMessage } from "@/components/not-found-message";

export const metadata: Metadata = { title: "Not found" };

// A 404 inside the signed-in frame (an account, a member, a project): the frame already holds
// the page's one <main>, so this is only the message (app/not-found.tsx adds a <main> of its own).
export default function SignedInNotFound() {
  return <NotFoundMessage />;
}
