// The split recipes, tried in order: the first that recognises the build decides.
// Adding an ecosystem: write `recipes/<ecosystem>.ts` and golden cases under
// test/fixtures/split/, then list the recipe here.
import { SplitRecipe } from '../recipe';
import { goRecipe } from './go';
// imports: python
import { pythonRecipe } from './python';
// imports: node
import { nodeRecipe } from './node';
// imports: jvm, rust, dotnet, others
import { javaRecipe } from './java';
import { rubyRecipe } from './ruby';
import { phpRecipe } from './php';
import { dotnetRecipe } from './dotnet';
import { rustRecipe } from './rust';

export const SPLIT_RECIPES: readonly SplitRecipe[] = [
  goRecipe,
  // recipes: python
  pythonRecipe,
  // recipes: node
  nodeRecipe,
  // recipes: jvm, rust, dotnet, others
  javaRecipe,
  rubyRecipe,
  phpRecipe,
  dotnetRecipe,
  rustRecipe,
];
