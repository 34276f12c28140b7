import { DeliveryFailure } from "./channel.ts";

/** Statuses worth trying again; any other 4xx is the receiver refusing this message. */
const TEMPORARY = new Set([408, 429]);

/**
 * POSTs a JSON body, for webhooks and chat posts alike. Resolves with the receiver's status on any
 * 2xx; throws a DeliveryFailure otherwise: permanent for a 4xx other than 408/429, temporary for
 * those, 5xx, redirects (not followed), timeouts and network errors.
 */
export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<{ response: string }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = error instanceof Error ? error.cause : undefined;
    const detail = cause instanceof Error ? `: ${cause.message}` : "";
    throw new DeliveryFailure(
      `${error instanceof Error ? error.message : String(error)}${detail}`.slice(0, 1000),
      false,
    );
  }
  const text = (await response.text().catch(() => "")).slice(0, 200);
  const status = `${response.status} ${response.statusText}`.trim();
  if (response.ok) return { response: status };
  const permanent =
    response.status >= 400 && response.status < 500 && !TEMPORARY.has(response.status);
  throw new DeliveryFailure(text ? `${status}: ${text}` : status, permanent);
}
