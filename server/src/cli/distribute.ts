/** `imagebuilder-yaml distribute-image`: DistributeImage for an existing image. */
import { checkDistributeInput, distributeImage, type DistributeImageInput } from '../aws/operations';
import { AWS_OPTIONS, connectionOptions, parse, usage, withGateway, type Output } from './aws';

export async function runDistributeImage(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parse(args, {
    ...AWS_OPTIONS,
    'source-image': { type: 'string' },
    'distribution-configuration': { type: 'string' },
    'execution-role': { type: 'string' },
    tag: { type: 'string', multiple: true },
    'log-group': { type: 'string' },
  });
  if (positionals.length) throw usage(`distribute-image takes no positional arguments, not '${positionals.join(' ')}'`);
  const missing = ['source-image', 'distribution-configuration', 'execution-role'].filter((f) => values[f as keyof typeof values] === undefined);
  if (missing.length) throw usage(`distribute-image needs ${missing.map((m) => `--${m}`).join(', ')}`);
  const tags: Record<string, string> = {};
  for (const tag of values.tag ?? []) {
    const eq = tag.indexOf('=');
    if (eq <= 0) throw usage(`--tag must be KEY=VALUE, not '${tag}'`);
    tags[tag.slice(0, eq)] = tag.slice(eq + 1);
  }
  const input: DistributeImageInput = {
    sourceImage: values['source-image']!,
    distributionConfigurationArn: values['distribution-configuration']!,
    executionRole: values['execution-role']!,
    tags,
    logGroup: values['log-group'],
  };
  // Checked before connecting: a typo is a usage error, not a request.
  checkDistributeInput(input);
  const result = await withGateway(connectionOptions(values), (gateway) => distributeImage(gateway, input));
  output.stdout(`${result.imageBuildVersionArn}\n`);
  output.stderr(`${result.message}\n`);
  return 0;
}
