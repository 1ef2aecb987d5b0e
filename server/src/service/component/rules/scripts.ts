import type { ComponentRule } from './context';

export const checkScripts: ComponentRule = () => [];
