/** Kept so existing imports work; the words of the domain are defined in `domain/vocabulary.ts`. */
export * from '../domain/vocabulary';
