/** `imagebuilder-yaml publish <file>`: lint, resolve the next version, create it, record it. */
import { publish } from '../aws/operations';
import type { Bump } from '../aws/versions';
import { AWS_OPTIONS, METADATA_OPTIONS, connectionOptions, metadataOverrides, onePositional, parse, prepareDocument, recorder, reportFailure, usage, withGateway, type Output } from './aws';

const BUMPS: Bump[] = ['patch', 'minor', 'major'];

export async function runPublish(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parse(args, { ...METADATA_OPTIONS, ...AWS_OPTIONS, force: { type: 'boolean' }, bump: { type: 'string' } });
  const path = onePositional(positionals, 'publish takes one document file');
  const bump = (values.bump ?? 'patch') as Bump;
  if (!BUMPS.includes(bump)) throw usage(`--bump must be patch, minor or major, not '${values.bump}'`);
  if (values.bump !== undefined && values.version !== undefined) throw usage('--bump and --version exclude each other');
  const target = prepareDocument(path, metadataOverrides(values), !!values.force, output);
  if (typeof target === 'number') return target;
  try {
    const result = await withGateway(connectionOptions(values, target), (gateway) =>
      publish(gateway, target, { bump, force: !!values.force }, { record: recorder(path) }));
    output.stdout(`${result.message}\n`);
    const refs = result.latestVersionReferences;
    if (refs) {
      const lines = [
        ['latestVersionArn', refs.latestVersionArn],
        ['latestMajorVersionArn', refs.latestMajorVersionArn],
        ['latestMinorVersionArn', refs.latestMinorVersionArn],
        ['latestPatchVersionArn', refs.latestPatchVersionArn],
      ].filter(([, v]) => v);
      for (const [key, value] of lines) output.stdout(`  ${`${key}:`.padEnd(23)}${value}\n`);
    }
    if (result.metadataFile) output.stdout(`Recorded ${result.version} in ${result.metadataFile}\n`);
    if (result.recordError) {
      output.stderr(`imagebuilder-yaml: ${result.recordError}\n`);
      return 2;
    }
    return 0;
  } catch (error) {
    return reportFailure(error, output, { path, text: target.text });
  }
}
