#include "acme_module.hpp"

#include <string>

namespace acme::prhost_plugin {
namespace {

std::string mebibytes_expression(long long mebibytes) { return std::to_string(mebibytes) + " * 1024 * 1024"; }

// The OCR model holds ~30 MiB while it runs: the mock allocates the same, so
// a memory benchmark sees the allocation the optimization is about. It
// returns the project's own TextRegions type, so downstream code runs for
// real. It accepts any constructor arguments: the real agent's model path
// and device are irrelevant to a fake.
std::string ocr_mock_source(long long mebibytes) {
  return "class FakeOCRAgent:\n"
         "    \"\"\"Stands in for the OCR model: same memory footprint, real return type.\"\"\"\n\n"
         "    def __init__(self, *args, **kwargs):\n"
         "        pass\n\n"
         "    def get_layout_from_image(self, image):\n"
         "        _buffer = bytearray(" +
         mebibytes_expression(mebibytes) +
         ")  # what the model holds during inference\n"
         "        return TextRegions(element_coords=[])\n";
}

// The table-structure model's forward pass: ~50 MiB of activations, and a
// real TableResult so the cell-merging code downstream runs unpatched.
std::string table_model_source(long long mebibytes) {
  return "class FakeTableModel:\n"
         "    \"\"\"Stands in for the table-structure model's forward pass.\"\"\"\n\n"
         "    def __init__(self, *args, **kwargs):\n"
         "        pass\n\n"
         "    def predict(self, image, **kwargs):\n"
         "        _activations = bytearray(" +
         mebibytes_expression(mebibytes) +
         ")\n"
         "        return TableResult(cells=[])\n";
}

}  // namespace

void register_contributions(prhost::sdk::Registry& registry, prhost::sdk::HostServices& services) {
  // `[plugin.acme-mocks] ocr-mib = 30` / `table-mib = 50` in prhost.toml tune the footprints.
  const long long ocr_mib = services.option_int("ocr-mib").value_or(30);
  const long long table_mib = services.option_int("table-mib").value_or(50);

  prhost::sdk::MockProvider ocr;
  ocr.id = "acme.fake-ocr-agent";
  ocr.description = "OCR model at its production footprint (" + std::to_string(ocr_mib) + " MiB)";
  ocr.boundaries = {"acme_docs.ocr.OCRAgent"};
  ocr.python_source = ocr_mock_source(ocr_mib);
  ocr.imports = {"from acme_docs.layout import TextRegions"};
  ocr.allocates_bytes = static_cast<std::size_t>(ocr_mib) * 1024 * 1024;
  registry.add_mock_provider(ocr);

  prhost::sdk::MockProvider tables;
  tables.id = "acme.fake-table-model";
  tables.description = "table-structure model forward pass (" + std::to_string(table_mib) + " MiB)";
  tables.boundaries = {"acme_docs.tables.TableModel"};
  tables.python_source = table_model_source(table_mib);
  tables.imports = {"from acme_docs.tables import TableResult"};
  tables.allocates_bytes = static_cast<std::size_t>(table_mib) * 1024 * 1024;
  registry.add_mock_provider(tables);

  prhost::sdk::InputRecipe page;
  page.id = "acme.scanned-page";
  page.annotations = {"PIL.Image.Image", "Image.Image"};
  page.requires_module = "PIL";
  page.imports = {"from PIL import Image"};
  page.expression = "Image.new(\"RGB\", (1700, 2200), color=(255, 255, 255))";
  page.size_description = "a 1700x2200 RGB page, as the scanner produces";
  registry.add_input_recipe(page);

  // Our own document type: a synthetic 20-page document (the production
  // median) built by the project's factory, so no fixture files are needed.
  prhost::sdk::InputRecipe document;
  document.id = "acme.document";
  document.annotations = {"acme_docs.pages.Document", "Document"};
  document.requires_module = "acme_docs";
  document.imports = {"from acme_docs.pages import Document"};
  document.expression = "Document.synthetic(pages=20)";
  document.size_description = "a synthetic 20-page document (production median)";
  registry.add_input_recipe(document);

  register_gpu_domain(registry);
}

}  // namespace acme::prhost_plugin
