export * from './common';
export * from './groups';
export * from './this-week';
export * from './provision-map';
export * from './impact';
export * from './gaps';
export * from './readable-record';
export * from './sen-steps';
