export * from './decision';
export * from './definition';
export * from './engine';
export * from './delegation';
