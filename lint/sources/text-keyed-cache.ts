/**
 * One value per distinct text, for long texts that repeat (a plan's policies: 3,333 texts of
 * about 9 kB, 63 distinct). A Map keyed by the text would hash every text in full (~50 ms for that
 * plan); here a text is looked up by its length and then compared, and a comparison of different
 * texts stops at their first difference (~4 ms). Lengths shared by many texts fall back to a Map.
 */
const MAX_COMPARED = 8;

interface Entry<T> {
  text: string;
  value: T;
}

export class TextKeyedCache<T> {
  private readonly byLength = new Map<number, Entry<T>[]>();
  private readonly crowded = new Map<string, T>();

  get(text: string): T | undefined {
    const entries = this.byLength.get(text.length);
    if (entries === undefined) return undefined;
    for (const entry of entries) if (entry.text === text) return entry.value;
    return entries.length < MAX_COMPARED ? undefined : this.crowded.get(text);
  }

  set(text: string, value: T): void {
    const entries = this.byLength.get(text.length);
    if (entries === undefined) this.byLength.set(text.length, [{ text, value }]);
    else if (entries.length < MAX_COMPARED) entries.push({ text, value });
    else this.crowded.set(text, value);
  }
}
