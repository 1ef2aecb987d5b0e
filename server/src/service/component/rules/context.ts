import type { Diagnostic, Platform } from '../../types';
import type { ComponentModel } from '../model';

export interface ComponentRuleContext {
  platform?: Platform;
  fileName?: string;
  supportedOsVersions?: string[];
}

/** A semantic rule: reads the model, reports diagnostics, never throws. */
export type ComponentRule = (model: ComponentModel, context: ComponentRuleContext) => Diagnostic[];
