import type { Metadata } from "next";
import { NewPasswordForm } from "@/components/forms/new-password-form";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { findUserToken } from "@/lib/users/user-tokens";
import { setFirstPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Choose your password", referrer: "same-origin" };

/** The welcome link of a person an administrator added: they choose their first password here. */
export default async function SetPasswordPage({ params }: PageProps<"/set-password/[token]">) {
  const { token } = await params;
  const link = await findUserToken(await getDb(), token, "set_password");
  if (!link) {
    return (
      <Card className="p-6 sm:p-8">
        <h1 className="text-xl font-semibold">This welcome link is not valid any more</h1>
        <p className="mt-2 text-sm text-zinc-600">
          It was used, a newer link was sent, or it expired (welcome links work for 3 hours). Ask the
          administrator who added you to send a new one.
        </p>
      </Card>
    );
  }
  return (
    <Card className="p-6 sm:p-8">
      <h1 className="text-xl font-semibold">Welcome to Roster</h1>
      <p className="mt-1 text-sm text-zinc-600">
        Choose a password for <strong className="wrap-break-word">{link.email}</strong>. You will use it with
        this address to sign in.
      </p>
      <NewPasswordForm
        token={token}
        email={link.email}
        action={setFirstPasswordAction}
        hint="At least 8 characters."
        submitLabel="Set password and sign in"
      />
    </Card>
  );
}
