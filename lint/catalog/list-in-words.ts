/**
 * "a, b, c and 4 more": at most `limit` items, in the order given, for messages. A generated
 * statement may list 100,000 actions or ARNs; a message names a few and counts the rest.
 */
export function listInWords(items: readonly string[], limit: number): string {
  if (items.length <= limit) return items.join(', ');
  return `${items.slice(0, limit).join(', ')} and ${items.length - limit} more`;
}
