import type { ComponentRule } from './context';

export const checkPlatform: ComponentRule = () => [];
