/**
 * CloudFormation `Fn::Sub`: `${Name}`, `${AWS::Region}` and `${Resource.Attribute}` are values
 * CloudFormation fills in; `${!Literal}` is the literal text `${Literal}`. Each substitution
 * becomes an opaque value in the text, mapped to the whole `${...}` in the host.
 */
import { MappedText, MappedTextBuilder, opaqueValue } from './sourceMap';

const SUBSTITUTION = /\$\{(!?)([^}]*)\}/g;

export function substituteCloudFormation(source: MappedText): MappedText {
  const { text } = source;
  if (!text.includes('${')) return source;
  const builder = new MappedTextBuilder();
  let done = 0;
  for (const match of text.matchAll(SUBSTITUTION)) {
    const at = match.index ?? 0;
    builder.append(source, done, at);
    const end = at + match[0].length;
    if (match[1] === '!') {
      // `${!X}` -> `${X}`: the `!` is dropped, the rest is copied.
      builder.mapped('${', source.toHost(at), source.toHostEnd(at + 3), 'escape');
      builder.append(source, at + 3, end);
    } else {
      builder.mapped(opaqueValue(match[2]), source.toHost(at), source.toHostEnd(end), 'opaque');
    }
    done = end;
  }
  builder.append(source, done, text.length);
  return builder.build();
}
