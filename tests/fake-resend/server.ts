import http from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for the Resend HTTP API (POST /emails), for tests that drive the real Resend SDK
 * through RESEND_BASE_URL. Like Resend, it keeps one email per Idempotency-Key: a repeated
 * key answers the first email's id and sends nothing new.
 *
 * Modes: `ok`; `500` and `429` (refuse every send); `hang` (accept the email — it counts as
 * sent — but never answer, like a provider whose reply is lost).
 *
 * Control over HTTP for other processes: GET /__fake/emails, POST /__fake/mode {"mode"}.
 */
export type FakeMode = "ok" | "500" | "429" | "hang";

export type FakeEmail = {
  id: string;
  idempotencyKey: string | null;
  from: string;
  to: string[];
  bcc: string[];
  subject: string;
  html: string;
  text: string;
};

export async function startFakeResend(port = 0) {
  let mode: FakeMode = "ok";
  const emails: FakeEmail[] = [];
  const byKey = new Map<string, FakeEmail>();
  let requests = 0;
  const hanging = new Set<http.ServerResponse>();

  // A client that gives up mid-request (a send timeout) leaves a partial body: read as null.
  const readJson = (req: http.IncomingMessage) =>
    new Promise<Record<string, unknown> | null>((resolve) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => {
        try {
          resolve(body ? (JSON.parse(body) as Record<string, unknown>) : {});
        } catch {
          resolve(null);
        }
      });
      req.on("error", () => resolve(null));
      req.on("close", () => resolve(null));
    });
  const reply = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : value ? [String(value)] : []);

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (req.method === "GET" && url.pathname === "/__fake/emails") return reply(res, 200, emails);
    if (req.method === "POST" && url.pathname === "/__fake/mode") {
      mode = (await readJson(req))?.mode as FakeMode;
      return reply(res, 200, { mode });
    }
    if (req.method !== "POST" || url.pathname !== "/emails")
      return reply(res, 404, { name: "not_found", message: "Not found", statusCode: 404 });
    if (!req.headers.authorization?.startsWith("Bearer re_")) {
      return reply(res, 401, { name: "missing_api_key", message: "Missing API key", statusCode: 401 });
    }
    const payload = await readJson(req);
    if (!payload) return res.destroy();
    requests++;
    if (mode === "500")
      return reply(res, 500, { name: "internal_server_error", message: "Fake outage", statusCode: 500 });
    if (mode === "429")
      return reply(res, 429, { name: "rate_limit_exceeded", message: "Too many requests", statusCode: 429 });

    const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
    let email = key ? byKey.get(key) : undefined;
    if (!email) {
      email = {
        id: randomUUID(),
        idempotencyKey: key,
        from: String(payload.from),
        to: list(payload.to),
        bcc: list(payload.bcc),
        subject: String(payload.subject),
        html: String(payload.html ?? ""),
        text: String(payload.text ?? ""),
      };
      emails.push(email);
      if (key) byKey.set(key, email);
    }
    if (mode === "hang") {
      hanging.add(res);
      return;
    }
    reply(res, 200, { id: email.id });
  });

  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${address.port}`,
    emails,
    get requests() {
      return requests;
    },
    setMode(next: FakeMode) {
      mode = next;
    },
    async stop() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeResend = Awaited<ReturnType<typeof startFakeResend>>;
