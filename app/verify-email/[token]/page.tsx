import type { Metadata } from "next";
import { CenteredPage } from "@/components/centered-page";
import { Card } from "@/components/ui/card";
import { ConfirmEmailButton } from "./confirm-email-button";

export const metadata: Metadata = { title: "Confirm your email", referrer: "no-referrer" };

// The link only opens this page; confirming takes a click, so that mail scanners that follow
// links do not use it up.
export default async function VerifyEmailPage({ params }: PageProps<"/verify-email/[token]">) {
  const { token } = await params;
  return (
    <CenteredPage>
      <Card className="p-6 sm:p-8">
        <h1 className="text-xl font-semibold">Confirm your email address</h1>
        <p className="mt-2 text-sm text-zinc-600">One click, and your address is confirmed.</p>
        <div className="mt-6">
          <ConfirmEmailButton token={token} />
        </div>
      </Card>
    </CenteredPage>
  );
}
