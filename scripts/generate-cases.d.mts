export function seededRandom(seed: number): () => number;
export function generateCase(seed: number): Record<string, unknown>;
