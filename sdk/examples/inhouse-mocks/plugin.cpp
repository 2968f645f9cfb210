#include "acme_module.hpp"

PRHOST_PLUGIN("acme-mocks", "2.4.0", "in-house", "ACME document pipeline: OCR/layout mocks and page inputs",
              &acme::prhost_plugin::register_contributions)
