/**
 * Child process for the kill -9 test: records publish after publish into one metadata file,
 * as fast as it can, until it is killed. Prints `ready` after the first write.
 *   node metadataWriterLoop.js <document path> <start counter>
 */
import { updateDocumentMetadata } from '../../server/src/project/metadata';

const [document, start] = process.argv.slice(2);
let i = Number(start);
for (;;) {
  updateDocumentMetadata(document, { version: `1.0.${i}`, arn: `arn:aws:imagebuilder:us-east-1:111122223333:component/c/1.0.${i}/1`, sha256: i.toString(16).padStart(64, '0') });
  if (i === Number(start)) process.stdout.write('ready\n');
  i++;
}
