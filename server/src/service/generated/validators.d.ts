/**
 * Validation functions precompiled from schemas/*.schema.json by `npm run build`
 * (ajv standalone code in validators.js, not committed), keyed by schema file name
 * (`component`, `workflow`, ...). Precompiling saves the CLI ~0.3 s of schema compilation.
 */
import type { ValidateFunction } from 'ajv';

declare const precompiled: {
  readonly [name: string]: ValidateFunction | undefined;
} & {
  /** JSON text of each schema the functions were compiled from. */
  readonly sources: Readonly<Record<string, string>>;
};
export = precompiled;
