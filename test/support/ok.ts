/** The body of an API reply that must have `status`; anything else fails with what came back. */
export function ok<T>(reply: { status: number; body: T }, status = 200): T {
  if (reply.status !== status)
    throw new Error(`expected ${status}, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}
