import type { Policy } from "../../src/domain/policy/schema.ts";
import { presets } from "../../src/presets/index.ts";

const allDay = () => [{ start: "00:00", end: "24:00" }];

/**
 * The follow-the-sun preset for tests about something else than the hand-off order: every region
 * is open around the clock, so an owner's shift never ends and `next-region-on-shift` has no
 * order to keep whatever hour the test runs at; and a hand-off to the queue does not wait for
 * the alignment step, so it completes at once. test/unit/schedule-handover-target.test.ts and
 * test/integration/follow-the-sun-handover.test.ts check both on the preset as shipped.
 */
export function steadyFollowTheSun(): Policy {
  const policy = roundTheClock(presets["follow-the-sun"]);
  for (const kind of policy.transferKinds) kind.alignmentBeforeQueue = false;
  return policy;
}

/** A copy of a preset whose regions are open every hour of every day, without holidays. */
export function roundTheClock(preset: Policy): Policy {
  const policy = structuredClone(preset);
  for (const region of policy.regions) {
    region.holidays = [];
    region.businessHours = {
      mon: allDay(),
      tue: allDay(),
      wed: allDay(),
      thu: allDay(),
      fri: allDay(),
      sat: allDay(),
      sun: allDay(),
    };
  }
  return policy;
}
