export * from './money';
export * from './rules';
export * from './roles';
export * from './budget';
export * from './budget-chain';
export * from './audit';
