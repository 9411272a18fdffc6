import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "@/lib/http/request-meta";
import { mayOpenMailbox } from "./mailbox-access";
import { MAILBOX_TOKEN_COOKIE, mailboxTokenHandoff } from "./mailbox-token";

const TOKEN = "a-mailbox-token-long-enough";
const ENV = ["ROSTER_DEV_MAILBOX_TOKEN", "RESEND_API_KEY", "TRUSTED_PROXY_HOPS"] as const;

/** A request as the server sees it: the socket's address stamped, and what else came with it. */
function request(peer: string, more: Record<string, string> = {}, presentedToken?: string) {
  return { headers: new Headers({ [PEER_ADDRESS_HEADER]: peer, ...more }), presentedToken };
}
// Next adds X-Forwarded-For with the socket's address when a request comes without one.
const direct = (peer: string, presentedToken?: string) =>
  request(peer, { "x-forwarded-for": peer }, presentedToken);

describe("who may open the local mailbox", () => {
  afterEach(() => {
    for (const name of ENV) delete process.env[name];
  });

  it("a browser on this machine, over IPv4 or IPv6", () => {
    for (const peer of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) {
      expect(mayOpenMailbox(direct(peer)), peer).toBe(true);
      expect(mayOpenMailbox(request(peer)), `${peer} without X-Forwarded-For`).toBe(true);
    }
  });

  it("nobody on another machine, whatever the request claims about itself", () => {
    for (const peer of ["192.168.1.20", "10.0.0.5", "::ffff:192.168.1.20", "fe80::1", "", "localhost"]) {
      expect(mayOpenMailbox(direct(peer)), peer).toBe(false);
    }
    // A client's own X-Forwarded-For or X-Real-IP claiming to be local changes nothing.
    expect(mayOpenMailbox(request("203.0.113.7", { "x-forwarded-for": "127.0.0.1" }))).toBe(false);
    expect(mayOpenMailbox(request("203.0.113.7", { "x-real-ip": "127.0.0.1" }))).toBe(false);
    // No stamped socket address (the server did not stamp it): not local.
    expect(
      mayOpenMailbox({ headers: new Headers({ "x-forwarded-for": "127.0.0.1" }), presentedToken: undefined }),
    ).toBe(false);
  });

  it("nobody forwarded by a proxy on this machine, though the socket is local (trusted hops or not)", () => {
    for (const hops of ["0", "1"]) {
      process.env.TRUSTED_PROXY_HOPS = hops;
      expect(mayOpenMailbox(request("127.0.0.1", { "x-forwarded-for": "198.51.100.4" })), hops).toBe(false);
      expect(
        mayOpenMailbox(request("127.0.0.1", { "x-forwarded-for": "198.51.100.4, 127.0.0.1" })),
        hops,
      ).toBe(false);
      expect(mayOpenMailbox(request("127.0.0.1", { "x-real-ip": "198.51.100.4" })), hops).toBe(false);
      expect(mayOpenMailbox(request("127.0.0.1", { forwarded: "for=198.51.100.4" })), hops).toBe(false);
    }
    // A local proxy forwarding a local browser is still this machine.
    expect(mayOpenMailbox(request("127.0.0.1", { "x-forwarded-for": "127.0.0.1, ::1" }))).toBe(true);
  });

  it("anyone presenting ROSTER_DEV_MAILBOX_TOKEN, when it is set; a wrong or unset token opens nothing", () => {
    const outsider = "198.51.100.4";
    expect(mayOpenMailbox(direct(outsider, TOKEN)), "no token configured").toBe(false);
    process.env.ROSTER_DEV_MAILBOX_TOKEN = TOKEN;
    expect(mayOpenMailbox(direct(outsider, TOKEN))).toBe(true);
    expect(mayOpenMailbox(direct(outsider))).toBe(false);
    expect(mayOpenMailbox(direct(outsider, ""))).toBe(false);
    expect(mayOpenMailbox(direct(outsider, `${TOKEN}x`))).toBe(false);
    expect(mayOpenMailbox(direct(outsider, TOKEN.slice(0, -1)))).toBe(false);
    // This machine needs none.
    expect(mayOpenMailbox(direct("127.0.0.1"))).toBe(true);
  });

  it("nobody at all once an email provider is configured: the mailbox is off", () => {
    process.env.RESEND_API_KEY = "re_test";
    process.env.ROSTER_DEV_MAILBOX_TOKEN = TOKEN;
    expect(mayOpenMailbox(direct("127.0.0.1"))).toBe(false);
    expect(mayOpenMailbox(direct("198.51.100.4", TOKEN))).toBe(false);
  });
});

describe("presenting the token from a browser", () => {
  it("?token= on a mailbox page becomes a cookie for the mailbox, and the page opens without it", () => {
    const response = mailboxTokenHandoff(
      new NextRequest(`https://roster.example/dev/mailbox?to=ada%40example.test&token=${TOKEN}`),
    );
    expect(response?.status).toBe(303);
    expect(response?.headers.get("location")).toBe(
      "https://roster.example/dev/mailbox?to=ada%40example.test",
    );
    const cookie = response?.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`${MAILBOX_TOKEN_COOKIE}=${TOKEN}`);
    expect(cookie).toMatch(/Path=\/dev\/mailbox/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=strict/i);
    expect(cookie).toMatch(/Secure/i);
  });

  it("leaves every other request alone", () => {
    for (const url of [
      "http://127.0.0.1:3000/dev/mailbox",
      "http://127.0.0.1:3000/sign-in?token=abc",
      "http://127.0.0.1:3000/dev/mailboxes?token=abc",
    ]) {
      expect(mailboxTokenHandoff(new NextRequest(url)), url).toBeNull();
    }
  });
});
