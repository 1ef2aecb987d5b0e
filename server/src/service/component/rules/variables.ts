/** L19 unique names across parameters and constants, L20 parameter types, L43 secret-looking names. */
import { isScalar } from 'yaml';
import { findPair, keyRange, stringValue, valueRange } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { Diagnostic } from '../../types';
import type { ComponentRule } from './context';

/** Words of a name (split at `-`, `_` and camelCase humps) that suggest it holds a secret. */
const SECRET_WORDS = new Set(['password', 'passwd', 'pass', 'pwd', 'passphrase', 'secret', 'secrets', 'token', 'credential', 'credentials', 'apikey']);
const SECRET_PAIRS = [['api', 'key'], ['private', 'key'], ['access', 'key'], ['client', 'secret']];

export function looksLikeSecret(name: string): boolean {
  const words = name.split(/[-_\s/.:]+|(?<=[a-z0-9])(?=[A-Z])/).map((w) => w.toLowerCase()).filter(Boolean);
  return words.some((w, i) => SECRET_WORDS.has(w) || SECRET_PAIRS.some(([a, b]) => w === a && words[i + 1] === b));
}

export const checkVariables: ComponentRule = (model) => {
  const out: Diagnostic[] = [];
  const { lines, doc } = model;
  const seen = new Map<string, string>();
  for (const variable of model.variables) {
    const range = keyRange(lines, variable.pair);
    if (isScalar(variable.pair.key) && typeof variable.pair.key.value !== 'string') {
      out.push(diagnostic('invalid-variable-name', range, `\`${variable.name}\` is read by YAML as a ${typeof variable.pair.key.value}; a variable name must be a string of 3 to 128 letters, digits, \`-\` or \`_\` (quote it if it must be digits).`));
    }
    const earlier = seen.get(variable.name);
    if (earlier) {
      out.push(diagnostic('duplicate-variable', range,
        `\`${variable.name}\` is already declared in \`${earlier}\`; names must be unique across parameters and constants.`));
    } else seen.set(variable.name, variable.section);

    if (variable.section === 'parameters' && variable.definition) {
      const typePair = findPair(variable.definition, 'type');
      const type = stringValue(typePair?.value, doc);
      if (typePair && type && type !== 'string' && ['integer', 'boolean', 'stringList'].includes(type)) {
        out.push(diagnostic('parameter-type', valueRange(lines, typePair),
          `Component parameters are documented with \`type: string\` only; \`${type}\` is accepted by the API but its behaviour is not documented.`));
      }
      // A parameter passed to `aws:ssm:resolve(...)` holds the name of a SecureString, which is
      // the recommended way to handle a secret, not the secret itself.
      if (looksLikeSecret(variable.name) && !model.parsed.text.includes(`resolve(${variable.name})`)) {
        out.push(diagnostic('possible-secret', range,
          `\`${variable.name}\` looks like a secret. Parameter values are stored in plain text and logged in CloudTrail: keep secrets in Secrets Manager or SecureString parameters and read them with \`{{ aws:ssm:/path }}\`.`));
      }
    }
  }
  return out;
};
