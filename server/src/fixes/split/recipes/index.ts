// The split recipes, tried in order: the first that recognises the build decides.
// Adding an ecosystem: write `recipes/<ecosystem>.ts` and golden cases under
// test/fixtures/split/, then list the recipe here.
import { SplitRecipe } from '../recipe';
import { goRecipe } from './go';
// imports: python
// imports: node
// imports: jvm, rust, dotnet, others

export const SPLIT_RECIPES: readonly SplitRecipe[] = [
  goRecipe,
  // recipes: python
  // recipes: node
  // recipes: jvm, rust, dotnet, others
];
