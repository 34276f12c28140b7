import { type FastifyReply, type FastifyRequest, LogController } from "fastify";

/**
 * One access-log line per request, written when the response is sent, instead of Fastify's two
 * ("incoming request", then "request completed"): the same fields for half the logging work,
 * which at `info` was about a sixth of a transfer's server CPU (docs/performance.md). Every
 * other message (errors, aborted streams) is logged as Fastify logs it.
 */
export class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, "request errored");
    else reply.log.info(line, "request completed");
  }
}
