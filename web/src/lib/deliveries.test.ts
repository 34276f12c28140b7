import { describe, expect, it } from "vitest";
import { filterState, isRetriable, stateLabel, stateTone, topicLabel } from "./deliveries.ts";

describe("deliveries", () => {
  it("names topics in words", () => {
    expect(topicLabel("customer_notice")).toBe("Customer notice");
    expect(topicLabel("owner_briefing")).toBe("New-owner briefing");
    expect(topicLabel("dispatch_request")).toBe("Dispatch request");
    expect(topicLabel("chat_post")).toBe("Chat post");
  });
  it("names states", () => {
    expect(stateLabel("retrying")).toBe("Waiting to retry");
    expect(stateLabel("sent")).toBe("Sent");
    expect(stateLabel("odd")).toBe("odd");
  });
  it("maps filters to the API's state", () => {
    expect(filterState("all")).toBeNull();
    // Queued, sending and retrying: the API's own "waiting".
    expect(filterState("waiting")).toBe("waiting");
    expect(filterState("failed")).toBe("failed");
  });
  it("retries only failed or waiting messages", () => {
    expect(isRetriable("failed")).toBe(true);
    expect(isRetriable("retrying")).toBe(true);
    expect(isRetriable("sent")).toBe(false);
    expect(isRetriable("sending")).toBe(false);
  });
  it("colours states", () => {
    expect(stateTone("sent")).toBe("green");
    expect(stateTone("failed")).toBe("red");
    expect(stateTone("retrying")).toBe("orange");
  });
});
