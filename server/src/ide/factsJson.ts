// The JSON the CLI prints for facts: the analysis data with editor-only fields dropped and files made printable.
import type { EntityFacts, NameFacts } from '../analysis/facts/index';

/**
 * Serialises facts: `offset` fields are dropped (they are for editor links) and every `file` URI is
 * passed through `file` (the CLI prints paths relative to the working directory).
 */
export function factsJson(value: NameFacts | EntityFacts, file: (uri: string) => string = (u) => u): string {
  // A name's object details repeat its top-level drivers, readers, clock and reset: print them once.
  if ('details' in value && value.details?.object) {
    const { drivers: _d, readers: _r, clock: _c, reset: _s, ...rest } = value.details.object;
    value = { ...value, details: { ...value.details, object: rest as typeof value.details.object } };
  }
  return JSON.stringify(
    value,
    (key, v) => {
      if (key === 'offset') return undefined;
      if (key === 'file' && typeof v === 'string') return file(v);
      return v;
    },
    2,
  );
}
