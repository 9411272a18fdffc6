import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { requireOwnSession } from "@/lib/auth/current";
import { NewAccountForm } from "./new-account-form";

export const metadata: Metadata = { title: "Add an account" };

export default async function NewAccountPage() {
  await requireOwnSession();
  return (
    <div className="max-w-xl">
      <PageHeader
        title="Add an account"
        description="A new account for another team, company or project. You will be its owner."
      />
      <Card className="p-6">
        <NewAccountForm />
      </Card>
    </div>
  );
}
