// The default input recipes: realistic values for the parameter annotations
// Python code uses most, at the sizes production code sees (a ~1 MB text, a
// 100k-item list, a 10 MiB blob, a 1700x2200 RGB page as an array or an
// image). A recipe that needs a library (numpy, Pillow) is only used when the
// project's interpreter can import it. Values are deterministic (seeded), so
// base and head measure the same input.
//
// Data, not code: add a row to extend them. In-house plugins add their own
// recipes for project types; theirs are tried first (they load first).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "prhost/sdk/benchmarks.hpp"

namespace prhost::sdk::helpers {

struct RecipeRow {
  std::string_view id;
  std::vector<std::string_view> annotations;
  std::string_view requires_module;
  std::vector<std::string_view> imports;
  std::string_view expression;
  std::string_view size;
};

inline const std::vector<RecipeRow>& default_recipe_rows() {
  static const std::vector<RecipeRow> rows = {
      {"text",
       {"str"},
       "",
       {},
       "\"\\n\".join(f\"line {i}: the quick brown fox jumps over the lazy dog, again and again\" for i in "
       "range(14_000))",
       "~1 MB of text (14,000 lines)"},
      {"bytes",
       {"bytes"},
       "",
       {"import random"},
       "random.Random(0).randbytes(10 * 1024 * 1024)",
       "10 MiB of seeded random bytes"},
      {"bytearray",
       {"bytearray"},
       "",
       {"import random"},
       "bytearray(random.Random(0).randbytes(10 * 1024 * 1024))",
       "10 MiB of seeded random bytes"},
      {"int-list",
       {"list[int]", "List[int]", "Sequence[int]", "Iterable[int]", "collections.abc.Sequence[int]"},
       "",
       {"import random"},
       "[random.Random(0).randrange(1_000_000) for _ in range(100_000)]",
       "100,000 seeded ints"},
      {"float-list",
       {"list[float]", "List[float]", "Sequence[float]", "Iterable[float]"},
       "",
       {},
       "[i * 0.001 for i in range(100_000)]",
       "100,000 floats"},
      {"str-list",
       {"list[str]", "List[str]", "Sequence[str]", "Iterable[str]"},
       "",
       {},
       "[f\"item-{i:06d}\" for i in range(100_000)]",
       "100,000 short strings"},
      {"str-int-dict",
       {"dict[str, int]", "Dict[str, int]", "Mapping[str, int]"},
       "",
       {},
       "{f\"key-{i:06d}\": i for i in range(100_000)}",
       "100,000 entries"},
      {"numpy-page-array",
       {"np.ndarray", "numpy.ndarray", "npt.NDArray", "NDArray", "npt.NDArray[np.uint8]", "NDArray[np.uint8]"},
       "numpy",
       {"import numpy as np"},
       "np.random.default_rng(0).integers(0, 256, size=(2200, 1700, 3), dtype=np.uint8)",
       "a page-sized 2200x1700x3 uint8 array (~11 MB)"},
      {"pillow-page-image",
       {"PIL.Image.Image", "Image.Image", "Image"},
       "PIL",
       {"from PIL import Image"},
       "Image.effect_noise((1700, 2200), 64).convert(\"RGB\")",
       "a page-sized 1700x2200 RGB image"},
  };
  return rows;
}

// `id_prefix` names the registering plugin ("cpu." gives "cpu.text"): ids are
// global, and the prefix tells a reader whose recipe it is.
inline std::vector<sdk::InputRecipe> default_input_recipes(std::string_view id_prefix) {
  std::vector<sdk::InputRecipe> recipes;
  for (const auto& row : default_recipe_rows()) {
    sdk::InputRecipe recipe;
    recipe.id = std::string(id_prefix) + std::string(row.id);
    recipe.annotations.assign(row.annotations.begin(), row.annotations.end());
    recipe.requires_module = std::string(row.requires_module);
    recipe.imports.assign(row.imports.begin(), row.imports.end());
    recipe.expression = std::string(row.expression);
    recipe.size_description = std::string(row.size);
    recipes.push_back(std::move(recipe));
  }
  return recipes;
}

}  // namespace prhost::sdk::helpers
