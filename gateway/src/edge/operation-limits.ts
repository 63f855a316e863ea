import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { maxRootFieldsRule } from './max-root-fields-rule.ts';

/** The shape an operation may have; anything bigger is refused with HTTP 400 before it is planned. */
export interface OperationLimits {
  depth: number;
  aliases: number;
  rootFields: number;
  directives: number;
  /** Checked while parsing (graphql-js maxTokens), so an oversized document is never fully built. */
  tokens: number;
}

// The deepest operation the mobile app sends (MyDashboard) is 7 levels, its largest file about 230 tokens.
export const DEFAULT_OPERATION_LIMITS: OperationLimits = { depth: 12, aliases: 15, rootFields: 10, directives: 50, tokens: 2000 };

/** graphql-armor's messages begin "Syntax Error: " although nothing is wrong with the syntax. */
export const armorMessage = (error: GraphQLError) => error.message.replace(/^Syntax Error: /, '');

// Reported through the validation context instead of thrown: a throw escapes `validate` and becomes a 500,
// a reported error becomes GRAPHQL_VALIDATION_FAILED with status 400.
const report = (context: ValidationContext | null, error: GraphQLError) => context?.reportError(new GraphQLError(armorMessage(error)));
const armorOptions = (n: number) => ({ n, exposeLimits: true, propagateOnRejection: false, onReject: [report] });

/** The validation rules enforcing `limits` (all but tokens), for Apollo Server's `validationRules`. */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  return [
    maxDepthRule(armorOptions(limits.depth)),
    maxAliasesRule(armorOptions(limits.aliases)),
    maxDirectivesRule(armorOptions(limits.directives)),
    maxRootFieldsRule(limits.rootFields),
  ];
}
