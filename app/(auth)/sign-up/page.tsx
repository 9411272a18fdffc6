import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getCurrentSession } from "@/lib/auth/current";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage() {
  if (await getCurrentSession()) redirect("/accounts/new");
  return (
    <Card className="p-6 sm:p-8">
      <h1 className="text-xl font-semibold">Create your Roster account</h1>
      <p className="mt-1 text-sm text-zinc-600">You, and an account for your team. Invite the others next.</p>
      <SignUpForm />
      <p className="mt-6 text-center text-sm text-zinc-600">
        Already have a user?{" "}
        <Link href="/sign-in" className="font-medium text-indigo-700 hover:underline">
          Sign in
        </Link>
      </p>
    </Card>
  );
}
