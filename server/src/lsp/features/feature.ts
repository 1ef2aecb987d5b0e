/**
 * One editor feature of the server: what it announces in `initialize` and the handlers it
 * registers. Each lives in its own file beside this one and calls the pure service.
 */
import type { ClientCapabilities, Connection, ServerCapabilities } from 'vscode-languageserver/node';
import type { Workspace } from '../workspace';

export interface FeatureContext {
  connection: Connection;
  workspace: Workspace;
  client: ClientCapabilities;
}

export interface Feature {
  capabilities(client: ClientCapabilities): ServerCapabilities;
  register(context: FeatureContext): void;
}
