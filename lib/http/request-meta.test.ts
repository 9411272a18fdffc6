import { afterEach, describe, expect, it } from "vitest";
import { clientIp, PEER_ADDRESS_HEADER } from "./request-meta";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("the client's address", () => {
  afterEach(() => {
    delete process.env.TRUSTED_PROXY_HOPS;
  });

  it("is the socket's by default, whatever X-Forwarded-For claims", () => {
    const h = headers({ [PEER_ADDRESS_HEADER]: "198.51.100.1", "x-forwarded-for": "1.2.3.4" });
    expect(clientIp(h)).toBe("198.51.100.1");
  });

  it("behind n trusted proxies, is the n-th X-Forwarded-For entry from the right", () => {
    const h = headers({
      [PEER_ADDRESS_HEADER]: "10.0.0.2",
      "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.1",
    });
    process.env.TRUSTED_PROXY_HOPS = "1";
    expect(clientIp(h)).toBe("10.0.0.1");
    process.env.TRUSTED_PROXY_HOPS = "2";
    expect(clientIp(h)).toBe("203.0.113.9");
  });

  it("falls back to the socket when there are fewer entries than proxies", () => {
    process.env.TRUSTED_PROXY_HOPS = "3";
    expect(clientIp(headers({ [PEER_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "1.2.3.4" }))).toBe(
      "10.0.0.2",
    );
  });
});
