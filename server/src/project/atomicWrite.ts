/**
 * Replaces a file so that a reader, or the next run after a crash or `kill -9`, sees either the
 * old content or the new one, never a half-written file: write a temporary file in the same
 * folder, flush it to disk, then rename it over the target (rename is atomic within a folder).
 */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(path: string, content: string): void {
  const folder = dirname(path);
  const base = basename(path);
  removeStaleTemporaries(folder, base);
  const temporary = join(folder, `.${base}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  // Keep the permissions of the file being replaced.
  let mode = 0o666;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    // A new file: the default mode, less the umask.
  }
  const fd = openSync(temporary, 'wx', mode);
  try {
    const bytes = Buffer.from(content, 'utf8');
    for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkQuietly(temporary);
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temporary, path);
  } catch (error) {
    unlinkQuietly(temporary);
    throw error;
  }
  // The rename itself is durable only once the folder is flushed; not every platform allows it.
  try {
    const dirFd = openSync(folder, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Windows cannot open a folder; the rename is still atomic there.
  }
}

/** Temporary files left by a writer that was killed: their process no longer exists. */
function removeStaleTemporaries(folder: string, base: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  const prefix = `.${base}.`;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    unlinkQuietly(join(folder, name));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
