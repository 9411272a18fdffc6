import type { Metadata } from "next";
import { Main } from "@/components/main-landmark";
import { NotFoundMessage } from "@/components/not-found-message";

export const metadata: Metadata = { title: "Not found" };

// Unknown addresses, and anything notFound() answers outside a frame with a <main> of its own.
export default function NotFound() {
  return (
    <Main>
      <NotFoundMessage />
    </Main>
  );
}
