// Credentials shared by the verification benchmark and its server process (not secrets: bench-only values).

export const BENCH_CONSUMER = { key: 'bench-consumer-key', secret: 'bench-consumer-secret' };
export const BENCH_TOKEN = { token: 'bench-token', secret: 'bench-token-secret' };
