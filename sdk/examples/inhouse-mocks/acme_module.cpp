#include "acme_module.hpp"

#include <string>

namespace acme::prhost_plugin {
namespace {

// The OCR model holds ~30 MiB while it runs: the mock allocates the same, so
// a memory benchmark sees the allocation the optimization is about. It
// returns the project's own TextRegions type, so downstream code runs for
// real.
std::string ocr_mock_source(long long mebibytes) {
  return "class FakeOCRAgent:\n"
         "    \"\"\"Stands in for the OCR model: same memory footprint, real return type.\"\"\"\n\n"
         "    def get_layout_from_image(self, image):\n"
         "        _buffer = bytearray(" +
         std::to_string(mebibytes) +
         " * 1024 * 1024)\n"
         "        return TextRegions(element_coords=np.empty((0, 4), dtype=np.float64))\n";
}

}  // namespace

void register_contributions(prhost::sdk::Registry& registry, prhost::sdk::HostServices& services) {
  // `[plugin.acme-mocks] ocr-mib = 30` in prhost.toml tunes the footprint.
  const long long ocr_mib = services.option_int("ocr-mib").value_or(30);

  prhost::sdk::MockProvider ocr;
  ocr.id = "acme.fake-ocr-agent";
  ocr.description = "OCR model at its production footprint (" + std::to_string(ocr_mib) + " MiB)";
  ocr.boundaries = {"acme_docs.ocr.OCRAgent"};
  ocr.python_source = ocr_mock_source(ocr_mib);
  ocr.imports = {"import numpy as np", "from acme_docs.layout import TextRegions"};
  ocr.allocates_bytes = static_cast<std::size_t>(ocr_mib) * 1024 * 1024;
  registry.add_mock_provider(ocr);

  prhost::sdk::InputRecipe page;
  page.id = "acme.scanned-page";
  page.annotations = {"PIL.Image.Image", "Image.Image"};
  page.requires_module = "PIL";
  page.imports = {"from PIL import Image"};
  page.expression = "Image.new(\"RGB\", (1700, 2200), color=(255, 255, 255))";
  page.size_description = "a 1700x2200 RGB page, as the scanner produces";
  registry.add_input_recipe(page);
}

}  // namespace acme::prhost_plugin
