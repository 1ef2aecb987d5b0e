/** `imagebuilder-yaml retry-image <image-build-version-arn>`: RetryImage. */
import { checkRetryInput, retryImage } from '../aws/operations';
import { AWS_OPTIONS, connectionOptions, onePositional, parse, withGateway, type Output } from './aws';

export async function runRetryImage(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parse(args, AWS_OPTIONS);
  const arn = onePositional(positionals, 'retry-image takes one image build-version ARN');
  checkRetryInput(arn);
  const result = await withGateway(connectionOptions(values), (gateway) => retryImage(gateway, arn));
  output.stdout(`${result.imageBuildVersionArn}\n`);
  output.stderr(`${result.message}\n`);
  return 0;
}
