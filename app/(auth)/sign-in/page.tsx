import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getCurrentSession } from "@/lib/auth/current";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const { callbackUrl } = await searchParams;
  const returnTo = safeRedirectPath(typeof callbackUrl === "string" ? callbackUrl : null);
  if (await getCurrentSession()) redirect(returnTo);
  return (
    <Card className="p-6 sm:p-8">
      <h1 className="text-xl font-semibold">Sign in to Roster</h1>
      <SignInForm callbackUrl={returnTo} />
      <p className="mt-6 text-center text-sm text-zinc-600">
        New to Roster?{" "}
        <Link href="/sign-up" className="font-medium text-indigo-700 hover:underline">
          Create an account
        </Link>
      </p>
    </Card>
  );
}
