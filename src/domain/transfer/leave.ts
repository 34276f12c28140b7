/** What leave needs to know of an agent; shared by the guards and the schedule. */
export interface OnLeaveFacts {
  availability: string;
  leaveFrom: Date | null;
  leaveUntil: Date | null;
}

export function onLeave(agent: OnLeaveFacts, now: Date): boolean {
  if (agent.availability !== "on_leave") return false;
  if (!agent.leaveFrom || !agent.leaveUntil) return true;
  return agent.leaveFrom <= now && now < agent.leaveUntil;
}
