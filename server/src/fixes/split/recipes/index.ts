// The split recipes, tried in order: the first that recognises the build decides.
// Adding an ecosystem: write `recipes/<ecosystem>/<ecosystem>.ts` (its own helpers beside it,
// helpers several recipes use in `recipes/shared/`) and golden cases under test/fixtures/split/,
// then list the recipe here.
import { SplitRecipe } from '../recipe';
import { goRecipe } from './go/go';
// imports: python
import { pythonRecipe } from './python/python';
// imports: node
import { nodeRecipe } from './node/node';
// imports: bun, deno
import { bunRecipe } from './bun/bun';
import { denoRecipe } from './deno/deno';
// imports: jvm, rust, dotnet, others
import { javaRecipe } from './java/java';
import { rubyRecipe } from './ruby/ruby';
import { phpRecipe } from './php/php';
import { dotnetRecipe } from './dotnet/dotnet';
import { rustRecipe } from './rust/rust';
// the fallback for compiled languages without a recipe of their own: tried last
import { nativeRecipe } from './native/native';

export const SPLIT_RECIPES: readonly SplitRecipe[] = [
  goRecipe,
  // recipes: python
  pythonRecipe,
  // recipes: node
  nodeRecipe,
  // recipes: bun, deno
  bunRecipe,
  denoRecipe,
  // recipes: jvm, rust, dotnet, others
  javaRecipe,
  rubyRecipe,
  phpRecipe,
  dotnetRecipe,
  rustRecipe,
  nativeRecipe,
];
