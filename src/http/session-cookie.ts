import type { FastifyReply, FastifyRequest } from "fastify";
import { SESSION_COOKIE } from "./auth-hook.ts";

/** The session cookie, as every way of signing in sets it. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expires: Date,
) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    expires,
  });
}
