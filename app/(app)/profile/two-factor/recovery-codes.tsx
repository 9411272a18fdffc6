"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/use-hydrated";

/**
 * The new recovery codes, shown until the user says they saved them. Copy and download need
 * JavaScript; without it the codes are plain text to copy by hand.
 */
export function RecoveryCodesList({ codes }: { codes: string[] }) {
  const [copied, setCopied] = useState(false);
  // Copy and Download appear once the page can run them (not in the server-rendered HTML).
  const interactive = useHydrated();
  const text = `Roster recovery codes (each works once)\n\n${codes.join("\n")}\n`;
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "roster-recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div>
      <ul
        aria-label="Recovery codes"
        className="mt-4 grid max-w-sm grid-cols-2 gap-2 rounded-md bg-zinc-50 p-4 font-mono text-sm ring-1 ring-zinc-200"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      {interactive && (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button type="button" variant="secondary" onClick={copy}>
            {copied ? "Copied" : "Copy"}
          </Button>
          <Button type="button" variant="secondary" onClick={download}>
            Download
          </Button>
        </div>
      )}
    </div>
  );
}
