import { config } from "@/lib/config";

/** Invitation links are built from the configured app URL, never from a request's Host header. */
export const invitationUrl = (token: string) => `${config.appUrl()}/invite/${token}`;

/** Invitations expire this long after they are sent (or re-sent). */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** An account's join link: whoever holds it may ask to join (lib/invitations/join-link.ts). */
export const joinLinkUrl = (code: string) => `${config.appUrl()}/join/${code}`;
