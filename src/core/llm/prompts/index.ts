// Every prompt the LLM stage sends, versioned (the cache key includes id and version).
export { verifyPathPrompt } from './verify-path';
export { paramsPrompt } from './params';
export { labelPrompt } from './label';
export { noStaticPrompt } from './no-static';
export type { PromptTemplate } from './types';
