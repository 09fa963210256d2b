// Public surface of the option data layer: formats, the payload codec, option-data and option-def.
export * from './csv.js';
export * from './formats/index.js';
export type { DefinitionLookup } from './lookup.js';
export * from './option-data.js';
export * from './option-def.js';
export * from './option-value.js';
