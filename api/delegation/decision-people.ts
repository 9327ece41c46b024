/** Who a decision names: the one who decided and, when they decided for someone (代理/转交), that person. */
export const DECISION_PEOPLE = { actor: true, onBehalfOf: true } as const;

/** The decision's "on behalf of" part, for every presenter of decisions; nothing when the assignee decided. */
export const onBehalfOfView = (d: { onBehalfOfId?: string | null; onBehalfOf?: { displayName: string } | null; proceededAnyway?: boolean }) => ({
  ...(d.onBehalfOfId ? { onBehalfOf: { id: d.onBehalfOfId, name: d.onBehalfOf?.displayName ?? d.onBehalfOfId } } : {}),
  ...(d.proceededAnyway ? { proceededAnyway: true } : {}),
});
