import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { RelativeTime } from "@/components/ui/relative-time";
import { getDb } from "@/db/client";
import { requireOwnSession } from "@/lib/auth/current";
import { loadTwoFactorStatus } from "@/lib/two-factor/status";
import {
  AcknowledgeRecoveryCodesButton,
  CancelEnrolmentButton,
  ConfirmEnrolmentForm,
  DisableTwoFactorForm,
  RenewRecoveryCodesForm,
  StartEnrolmentButton,
} from "./forms";
import { RecoveryCodesList } from "./recovery-codes";

export const metadata: Metadata = { title: "Two-factor authentication" };

/** Setting up, using and turning off two-factor for my own user. */
export default async function TwoFactorPage({ searchParams }: PageProps<"/profile/two-factor">) {
  const session = await requireOwnSession();
  const { required } = await searchParams;
  const status = await loadTwoFactorStatus(await getDb(), session.user.id);
  if (!status) notFound();
  return (
    <>
      <PageHeader
        title="Two-factor authentication"
        description="Signing in asks for a code from an authenticator app on your phone, after your password."
      />
      <div className="grid max-w-3xl gap-6">
        {required && !status.enabledAt && (
          <Notice tone="warning">
            An account you belong to requires two-factor authentication for people who administer it. Set it
            up to go on working there.
          </Notice>
        )}
        {status.recoveryCodesToShow && (
          <Card className="p-6">
            <h2 className="font-semibold">Save your recovery codes</h2>
            <p className="mt-1 text-sm text-zinc-600">
              If you lose your phone, each of these codes signs you in once instead of a code from the app.
              Keep them somewhere safe: they are shown only now. Your other sessions were signed out with this
              change.
            </p>
            <RecoveryCodesList codes={status.recoveryCodesToShow} />
            <div className="mt-4">
              <AcknowledgeRecoveryCodesButton />
            </div>
          </Card>
        )}
        {status.enabledAt ? (
          <>
            <Card className="p-6">
              <h2 className="font-semibold">Two-factor is on</h2>
              <p className="mt-1 text-sm text-zinc-600">
                Turned on <RelativeTime date={status.enabledAt} />. You have {status.unusedRecoveryCodes}{" "}
                unused recovery {status.unusedRecoveryCodes === 1 ? "code" : "codes"}.
              </p>
              <RenewRecoveryCodesForm />
            </Card>
            <Card className="p-6">
              <h2 className="font-semibold">Turn off two-factor</h2>
              <p className="mt-1 text-sm text-zinc-600">
                Signing in will ask only for your password, and your other sessions will be signed out.
                Accounts that require two-factor will ask you to set it up again.
              </p>
              <DisableTwoFactorForm email={session.user.email} />
            </Card>
          </>
        ) : status.enrolment ? (
          <Card className="p-6">
            <h2 className="font-semibold">Scan this QR code</h2>
            <p className="mt-1 text-sm text-zinc-600">
              Open your authenticator app (1Password, Google Authenticator, Authy…), add an account, and scan
              the code. Or type the key below into the app.
            </p>
            <div
              role="img"
              aria-label="QR code for your authenticator app"
              className="mt-4 w-48 [&>svg]:h-auto [&>svg]:w-full"
              // The SVG is drawn by the qrcode library from our own otpauth:// URI.
              dangerouslySetInnerHTML={{ __html: status.enrolment.qrSvg }}
            />
            <p className="mt-4 text-sm text-zinc-600">Key</p>
            <p className="font-mono text-sm break-all" data-testid="totp-secret">
              {status.enrolment.secret}
            </p>
            <ConfirmEnrolmentForm email={session.user.email} />
            <div className="mt-4">
              <CancelEnrolmentButton />
            </div>
          </Card>
        ) : (
          <Card className="p-6">
            <h2 className="font-semibold">Two-factor is off</h2>
            <p className="mt-1 text-sm text-zinc-600">
              With two-factor on, someone who learns your password still cannot sign in as you.
            </p>
            <div className="mt-4">
              <StartEnrolmentButton />
            </div>
          </Card>
        )}
        <p className="text-sm">
          <Link href="/profile" className="font-medium text-indigo-700 hover:underline">
            Back to my profile
          </Link>
        </p>
      </div>
    </>
  );
}
