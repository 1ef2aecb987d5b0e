import type { ComponentRule } from './context';

export const checkVariables: ComponentRule = () => [];
