/** What reading the inputs gives the rest of the linter. */
import type { Inventory } from '../model/types';

/** An input that could not be read (unreadable file, malformed JSON): exit 2 in the CLI. */
export interface InputError {
  file: string;
  line: number | null;
  column: number | null;
  message: string;
}

/** A file in a folder that is none of the formats we read: counted, not an error. */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface ReadResult {
  inventory: Inventory;
  /** Files read into the inventory (recognised formats). */
  filesRead: number;
  skipped: SkippedFile[];
  errors: InputError[];
}
