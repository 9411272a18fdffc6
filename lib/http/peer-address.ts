import http from "node:http";
import { PEER_ADDRESS_HEADER } from "./request-meta";

const globalForPeer = globalThis as unknown as { rosterPeerAddress?: true };

/**
 * Stamps every incoming request with the address of the socket it came in on. Next does not
 * expose the socket to pages and actions, and only sets X-Forwarded-For when the client sent
 * none, so without this a client could claim any address. Runs once per server process, from
 * instrumentation, before the first request.
 */
export function stampPeerAddresses() {
  if (globalForPeer.rosterPeerAddress) return;
  globalForPeer.rosterPeerAddress = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}
