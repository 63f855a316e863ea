import { GraphQLError, Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';

/**
 * At most `max` fields at the top of an operation (`__typename` is free), counting those reached through
 * fragments. Each root field is its own query plan branch, often its own subgraph fetch: a hundred of them in one
 * request is a fan-out, not a screen.
 */
export function maxRootFieldsRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const found = countFields(operation.selectionSet, context, new Set());
      if (found > max) {
        context.reportError(new GraphQLError(`Root fields limit of ${max} exceeded, found ${found}.`, { nodes: operation }));
      }
    },
  });
}

function countFields(selectionSet: SelectionSetNode, context: ValidationContext, visitedFragments: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countFields(selection.selectionSet, context, visitedFragments);
    } else if (!visitedFragments.has(selection.name.value)) {
      // A fragment spread twice selects the same fields once; cycles are reported by graphql's own rules.
      visitedFragments.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += countFields(fragment.selectionSet, context, visitedFragments);
    }
  }
  return count;
}
