/**
 * Annotations without cdktf's stack trace. `Annotations.of(c).addError` records where it was called:
 * for the guard that is always this aspect, never the user's code, and `cdktf synth` prints those
 * ~20 lines under every error, burying the finding, whose message already names the construct.
 */
import { AnnotationMetadataEntryType } from 'cdktf';
import type { IConstruct } from 'constructs';

export type AnnotationLevel = 'error' | 'warning' | 'info';

const METADATA_TYPE: Record<AnnotationLevel, AnnotationMetadataEntryType> = {
  error: AnnotationMetadataEntryType.ERROR,
  warning: AnnotationMetadataEntryType.WARN,
  info: AnnotationMetadataEntryType.INFO,
};

export function annotate(construct: IConstruct, level: AnnotationLevel, message: string): void {
  construct.node.addMetadata(METADATA_TYPE[level], message, { stackTrace: false });
}
