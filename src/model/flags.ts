// Flags mark values that need a second look (a code mapped, records summed, low coverage).
// Summed rows collect many flags of one kind with different values: show the kind and a count.
export function summarizeFlags(flags: string[]): string {
  const byPrefix = new Map<string, string[]>();
  for (const f of flags) {
    const [prefix] = f.split(':');
    byPrefix.set(prefix!, [...(byPrefix.get(prefix!) ?? []), f]);
  }
  return [...byPrefix].map(([prefix, all]) => (all.length > 2 ? `${prefix} (${all.length} values)` : all.join('; '))).join('; ');
}
