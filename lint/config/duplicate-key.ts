/**
 * A key written twice in one object of the config. JSON.parse keeps the last silently, so a second
 * "suppressions" list (a merge conflict resolved by keeping both) drops the first one's
 * suppressions, and a rule set twice takes whichever comes last. The text is valid JSON already.
 */
import { closingQuote } from '../model/json-string-end';

export interface DuplicateKey {
  key: string;
  /** Offset of the second occurrence's opening quote. */
  offset: number;
}

interface Frame {
  /** Keys seen in this object; null for an array. */
  keys: Set<string> | null;
  expectKey: boolean;
}

export function findDuplicateKey(text: string): DuplicateKey | null {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack.at(-1);
    if (c === '{') stack.push({ keys: new Set(), expectKey: true });
    else if (c === '[') stack.push({ keys: null, expectKey: false });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',' && top?.keys) top.expectKey = true;
    else if (c === ':' && top) top.expectKey = false;
    else if (c === '"') {
      const end = closingQuote(text, i + 1);
      if (top?.keys && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return { key, offset: i };
        top.keys.add(key);
      }
      i = end;
    }
  }
  return null;
}
