// What the option codec needs from a registry of option definitions: lookups by space and code or
// name, and the universe (1- or 2-byte option headers) of each space. The defs registry satisfies
// it; tests may pass a small one of their own.
import type { OptionDefinition, Universe } from '../types.js';

export interface DefinitionLookup {
  get(space: string, code: number): OptionDefinition | undefined;
  getByName(space: string, name: string): OptionDefinition | undefined;
  universeOf(space: string): Universe;
}
