/** `imagebuilder-yaml versions <file>`: the published versions, and what the next publish would send. */
import { listVersions, sha256 } from '../aws/operations';
import { nextVersion } from '../aws/versions';
import { AWS_OPTIONS, METADATA_OPTIONS, connectionOptions, metadataOverrides, onePositional, parse, prepareDocument, withGateway, type Output } from './aws';

export async function runVersions(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parse(args, { ...METADATA_OPTIONS, ...AWS_OPTIONS });
  const path = onePositional(positionals, 'versions takes one document file');
  const target = prepareDocument(path, metadataOverrides(values), true, output, 'list');
  if (typeof target === 'number') return target;
  const listed = await withGateway(connectionOptions(values, target), (gateway) => listVersions(gateway, target));
  const what = `${target.kind}${target.type ? ` (${target.type})` : ''} '${target.name}'`;
  output.stdout(listed.versions.length ? `${what}: ${listed.versions.length} published version${listed.versions.length === 1 ? '' : 's'}\n` : `${what}: no published version\n`);
  const width = Math.max(0, ...listed.versions.map((v) => v.version.length));
  for (const v of listed.versions) output.stdout(`  ${v.version.padEnd(width)}  ${v.arn ?? ''}${v.dateCreated ? `  ${v.dateCreated}` : ''}\n`);
  const recorded = target.recorded;
  if (recorded.version) output.stdout(`Recorded in .imagebuilder.json: ${recorded.version}${recorded.arn ? ` (${recorded.arn})` : ''}\n`);
  const existing = listed.versions.map((v) => v.version);
  if (target.requestedVersion) {
    output.stdout(existing.includes(target.requestedVersion) ? `--version ${target.requestedVersion} exists already: publish would refuse it.\n` : `Next publish: ${target.requestedVersion} (--version)\n`);
  } else if (recorded.sha256 && recorded.sha256 === sha256(target.text) && recorded.version) {
    output.stdout(`Next publish: nothing; the text is unchanged since ${recorded.version} (--force would publish ${nextVersion(existing, recorded.version)}).\n`);
  } else {
    const next = (bump: 'patch' | 'minor' | 'major') => nextVersion([...existing, ...(recorded.pending ? [recorded.pending.version] : [])], recorded.version, bump);
    output.stdout(`Next publish: ${next('patch')} (--bump minor: ${next('minor')}, --bump major: ${next('major')})\n`);
  }
  return 0;
}
