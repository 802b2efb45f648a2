/** Choices for a SelectInput: the vocabulary's values with translatable names (`enums.<group>.<value>`). */
export const choices = (group: string, values: readonly string[]) => values.map((id) => ({ id, name: `enums.${group}.${id}` }));
