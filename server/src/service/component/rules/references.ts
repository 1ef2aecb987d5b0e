import type { ComponentRule } from './context';

export const checkReferences: ComponentRule = () => [];
