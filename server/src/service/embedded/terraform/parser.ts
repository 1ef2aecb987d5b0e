/**
 * The Terraform (HCL) parser: tree-sitter with the tree-sitter-grammars HCL grammar, both
 * Node-API addons with prebuilt binaries for Linux, macOS and Windows. Loaded on first use, so
 * nothing pays for it until a `.tf` file is read; when the native addon cannot load on a
 * machine, Terraform files get one diagnostic that says why and CloudFormation still works.
 */
import type ParserType from 'tree-sitter';

export type SyntaxNode = ParserType.SyntaxNode;

let parser: ParserType | undefined;
let failure: string | undefined;

export function terraformParser(): { parser?: ParserType; failure?: string } {
  if (parser || failure) return { parser, failure };
  try {
    // Plain require: the addons are external to the bundle and resolved from node_modules at run time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Parser = require('tree-sitter') as typeof ParserType;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const hcl = require('@tree-sitter-grammars/tree-sitter-hcl');
    const created = new Parser();
    created.setLanguage(hcl);
    parser = created;
  } catch (error) {
    failure = error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
  return { parser, failure };
}

/** Parses HCL text; tree-sitter recovers from syntax errors and marks them as ERROR / missing nodes. */
export function parseHcl(text: string): { root?: SyntaxNode; failure?: string } {
  const { parser: loaded, failure: why } = terraformParser();
  if (!loaded) return { failure: why };
  // The default buffer is too small for large files; this fits any text of that length.
  const tree = loaded.parse(text, undefined, { bufferSize: Math.max(32 * 1024, text.length * 2 + 16) });
  return { root: tree.rootNode };
}
