import type { ComponentRule } from './context';

export const checkLoops: ComponentRule = () => [];
