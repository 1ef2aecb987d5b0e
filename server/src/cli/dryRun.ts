/** `imagebuilder-yaml dry-run <file>`: lint, then CreateComponent / CreateWorkflow with dryRun. */
import { dryRun } from '../aws/operations';
import { AWS_OPTIONS, METADATA_OPTIONS, connectionOptions, metadataOverrides, onePositional, parse, prepareDocument, reportFailure, withGateway, type Output } from './aws';

export async function runDryRun(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parse(args, { ...METADATA_OPTIONS, ...AWS_OPTIONS, force: { type: 'boolean' } });
  const path = onePositional(positionals, 'dry-run takes one document file');
  const target = prepareDocument(path, metadataOverrides(values), !!values.force, output);
  if (typeof target === 'number') return target;
  try {
    const result = await withGateway(connectionOptions(values, target), (gateway) => dryRun(gateway, target));
    output.stdout(`${result.message}\n`);
    return 0;
  } catch (error) {
    return reportFailure(error, output, { path, text: target.text });
  }
}
