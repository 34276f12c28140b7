export const inboundView = <
  R extends { workspaceId: string | null; reviewedAt: Date | null; receivedAt: Date },
>(
  r: R,
  text: string,
) => {
  const { workspaceId: _, ...rest } = r;
  return {
    ...rest,
    preview: text.slice(0, 300),
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    receivedAt: r.receivedAt.toISOString(),
  };
};
