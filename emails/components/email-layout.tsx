import { Body, Button, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

/** The frame every Roster email shares: a preview line, a card, one clear button, a footer. */
export function EmailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body
        style={{
          backgroundColor: "#f4f4f5",
          fontFamily: "ui-sans-serif, system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif",
        }}
      >
        <Container
          style={{
            maxWidth: 520,
            margin: "32px auto",
            backgroundColor: "#ffffff",
            borderRadius: 8,
            padding: "32px",
          }}
        >
          <Text style={{ fontSize: 20, fontWeight: 700, color: "#4338ca", margin: 0 }}>Roster</Text>
          {children}
          <Hr style={{ borderColor: "#e4e4e7", margin: "24px 0" }} />
          <Text style={{ fontSize: 12, color: "#71717a", margin: 0 }}>
            You received this email because someone used this address on Roster. If it was not expected, you
            can ignore it.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export function EmailButton({ href, children }: { href: string; children: string }) {
  return (
    <Section style={{ margin: "24px 0" }}>
      <Button
        href={href}
        style={{
          backgroundColor: "#4f46e5",
          color: "#ffffff",
          borderRadius: 6,
          padding: "12px 20px",
          fontWeight: 600,
          fontSize: 14,
        }}
      >
        {children}
      </Button>
    </Section>
  );
}

export const paragraph = { fontSize: 15, lineHeight: "24px", color: "#18181b" } as const;
export const small = { fontSize: 13, lineHeight: "20px", color: "#52525b" } as const;
