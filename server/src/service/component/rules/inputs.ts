import type { ComponentRule } from './context';

export const checkInputs: ComponentRule = () => [];
