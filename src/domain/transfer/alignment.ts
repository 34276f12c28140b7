// S1.2 step 4–5: "Case owner or HO SME for each region should join the Hand Over Meeting to
// align the case transfer", and the case goes back to the queue once aligned. The alignment is
// recorded by the owner handing over or by a handover SME of the region taking the case.

export interface AlignmentTransfer {
  /** The owner when the hand-off was asked for: the one who hands over. */
  fromOwnerId: string | null;
  /** The region the case goes to. */
  targetRegion: string | null;
}

/** The viewer's membership facts that matter here. */
export interface AlignmentMember {
  region: string | null;
  handoverSme: boolean;
}

export function mayRecordAlignment(
  userId: string,
  t: AlignmentTransfer,
  member: AlignmentMember | undefined,
): boolean {
  if (t.fromOwnerId === userId) return true;
  return Boolean(
    member?.handoverSme && t.targetRegion !== null && member.region === t.targetRegion,
  );
}

export function alignmentRefusal(t: AlignmentTransfer): string {
  const smes = t.targetRegion ? `a handover SME of ${t.targetRegion}` : "a handover SME";
  return `Only the case owner or ${smes} records that the hand-off was aligned in the handover meeting`;
}
