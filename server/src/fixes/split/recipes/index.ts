// The split recipes, tried in order: the first that recognises the build decides.
// Adding an ecosystem: write `recipes/<ecosystem>.ts` and a golden case under
// test/fixtures/split/, then list the recipe here.
import { SplitRecipe } from '../recipe';
import { goRecipe } from './go';

export const SPLIT_RECIPES: readonly SplitRecipe[] = [goRecipe];
