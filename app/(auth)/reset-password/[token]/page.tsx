import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { findUserToken } from "@/lib/users/user-tokens";
import { NewPasswordForm } from "@/components/forms/new-password-form";
import { resetPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Choose a new password", referrer: "same-origin" };

export default async function ResetPasswordPage({ params }: PageProps<"/reset-password/[token]">) {
  const { token } = await params;
  const link = await findUserToken(await getDb(), token, "reset_password");
  if (!link) {
    return (
      <Card className="p-6 sm:p-8">
        <h1 className="text-xl font-semibold">This reset link is not valid any more</h1>
        <p className="mt-2 text-sm text-zinc-600">
          It was used, a newer link was sent, or it expired (links work for 1 hour).
        </p>
        <Link
          href="/forgot-password"
          className="mt-6 inline-block text-sm font-medium text-indigo-700 hover:underline"
        >
          Ask for a new link
        </Link>
      </Card>
    );
  }
  return (
    <Card className="p-6 sm:p-8">
      <h1 className="text-xl font-semibold">Choose a new password</h1>
      <p className="mt-1 text-sm text-zinc-600">
        For <strong className="wrap-break-word">{link.email}</strong>.
      </p>
      <NewPasswordForm
        token={token}
        email={link.email}
        action={resetPasswordAction}
        hint="At least 8 characters. You will be signed out everywhere else."
        submitLabel="Set password and sign in"
      />
    </Card>
  );
}
