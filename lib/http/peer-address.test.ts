import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { stampPeerAddresses } from "./peer-address";
import { PEER_ADDRESS_HEADER } from "./request-meta";

describe("the peer address stamp", () => {
  const server = http.createServer((request, response) => {
    response.end(String(request.headers[PEER_ADDRESS_HEADER]));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("is the socket's address, whatever the client claims in the same header", async () => {
    stampPeerAddresses();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      headers: { [PEER_ADDRESS_HEADER]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" },
    });
    expect(await response.text()).toBe("127.0.0.1");
  });
});
