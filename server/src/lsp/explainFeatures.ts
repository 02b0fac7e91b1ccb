// Registers the explanation features (model status, explain, hover explanations, doc comments, design docs).
import type { ServerContext } from './context';
import { registerDesignDocs } from './designDocs';
import { registerDocComment } from './docComment';
import { registerExplain } from './explain';
import { registerModel } from './model';

export function registerExplainFeatures(ctx: ServerContext): void {
  registerModel(ctx);
  registerExplain(ctx);
  registerDocComment(ctx);
  registerDesignDocs(ctx);
}
