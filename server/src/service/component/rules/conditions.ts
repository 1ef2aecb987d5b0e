import type { ComponentRule } from './context';

export const checkConditions: ComponentRule = () => [];
