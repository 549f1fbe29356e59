// The LLM stage's public surface (see each module for details).
export { LlmClient, Semaphore, type LlmClientOptions, type LlmPrompt, type LlmOutcome, type LlmStats, type FailureKind } from './client';
export { LlmCache, cacheKey } from './cache';
export { isLoopback, checkEndpoint, type EndpointDecision, type EndpointPolicy } from './endpoint';
export { maskSecrets, redact } from './secrets';
export { LlmVerifier, type LlmVerifierMode, type LlmVerifierOptions, type LlmVerifyReport } from './verifier';
export { llmParameters, type LlmParametersInput, type LlmParametersResult } from './params';
export { llmLabelOpinion, type LabelOpinion } from './label';
export { llmNoStaticSequences, reachableLogStatements, type ReachGraph, type NoStaticInput, type NoStaticResult, type NoStaticSequence } from './no-static';
export { createLlmStage, resolveLlmOptions, llmSettingsFromFlags, type LlmFlags, apiKeyFromEnv, formatLlmSummary, LlmConfigError, DEFAULT_BASE_URL, type LlmSettings, type LlmStage } from './stage';
