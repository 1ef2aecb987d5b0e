/** The one ajv configuration, shared by the service and the build that precompiles schemas. */
import Ajv from 'ajv';

/**
 * The ajv configuration of the service. `inlineRefs: false` and no code optimisation make
 * compiling the large generated schemas about twice as fast and validation no slower.
 */
export function createAjv(source = false): Ajv {
  return new Ajv({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true, inlineRefs: false, code: { optimize: false, source } });
}

/** Export name of a schema in the precompiled module: its file name without `.schema.json`. */
export function precompiledName(id: string): string {
  return id.replace(/^.*\//, '').replace(/\.schema\.json$/, '').replace(/[^A-Za-z0-9_]/g, '_');
}
