/**
 * Entry point the extension host loads (`extensionTestsPath`): runs the mocha suites named in
 * IB_SUITES. The remote extension host's console goes to the browser, so the spec reporter
 * writes to the file IB_TEST_LOG, which the runner prints.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const log = process.env.IB_TEST_LOG ?? path.join(process.cwd(), 'vscode-tests.log');
  fs.writeFileSync(log, '');
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => fs.appendFileSync(log, `${util.format(...args)}\n`);
  // One retry: these tests read the screen of a browser-driven workbench, whose timing varies
  // with the machine's load; a real failure fails twice.
  const mocha = new Mocha({ ui: 'bdd', timeout: 30000, color: false, reporter: 'spec', retries: 1 });
  for (const suite of (process.env.IB_SUITES ?? '').split(',').filter(Boolean)) mocha.addFile(path.join(__dirname, `${suite}.vscode.js`));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
  });
}
