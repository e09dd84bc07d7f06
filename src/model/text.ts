// Text helpers shared by the server and the explorer (pure: no DOM, no Node APIs).

/** "1st", "2nd", "3rd", "11th", "102nd": English ordinal suffixes, teens included. */
export function ordinal(n: number): string {
  const teen = Math.abs(n) % 100;
  const suffix = teen >= 11 && teen <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][Math.abs(n) % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** Shorten to at most `max` characters at a word boundary, marking the cut; never cuts mid-word unless one word is longer than `max`. */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, Math.max(1, max - 1));
  // A word that ends exactly where the room does is whole: keep it ("Labor trafficking: …").
  const space = /\s/.test(text[room.length] ?? '') ? room.length : room.search(/\s\S*$/);
  return `${(space > 0 ? room.slice(0, space) : room).replace(/[\s,;:.–-]+$/, '')}…`;
}
