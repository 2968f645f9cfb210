"""The module-name rule shared by prhost's Python helpers (core/python/prhost_module_names.py).

Inventory (changed_functions.py) records a function's module and bench
(bench_analysis.py) imports it: both must name a file the same way, so both
import the one rule, and the rule must hold for src/ layouts and nested packages.
"""

import os
import sys
import tempfile
import unittest

HELPERS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "core", "python")
sys.path.insert(0, os.path.abspath(HELPERS))

import bench_analysis  # noqa: E402
import changed_functions  # noqa: E402
import prhost_module_names  # noqa: E402
from prhost_module_names import module_name  # noqa: E402


def make_tree(root, *files):
    for relative in files:
        path = os.path.join(root, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("")


class SharedRuleTest(unittest.TestCase):
    def test_both_helpers_use_the_one_rule(self):
        self.assertIs(changed_functions.module_name, prhost_module_names.module_name)
        self.assertIs(bench_analysis.module_name, prhost_module_names.module_name)

    def test_src_layout_with_a_nested_package(self):
        with tempfile.TemporaryDirectory() as root:
            make_tree(root, "src/shop/__init__.py", "src/shop/orders/__init__.py", "src/shop/orders/pricing.py")
            self.assertEqual(module_name(root, "src/shop/orders/pricing.py"), "shop.orders.pricing")
            self.assertEqual(module_name(root, "src/shop/orders/__init__.py"), "shop.orders")

    def test_nested_package_below_a_plain_directory(self):
        # `lib/` holds no __init__.py, so it is the import root, not part of the name
        # (the rule bench used before stripped only a leading src/ and said "lib.shop.cart").
        with tempfile.TemporaryDirectory() as root:
            make_tree(root, "lib/shop/__init__.py", "lib/shop/cart/__init__.py", "lib/shop/cart/totals.py")
            self.assertEqual(module_name(root, "lib/shop/cart/totals.py"), "shop.cart.totals")

    def test_namespace_package_under_src(self):
        with tempfile.TemporaryDirectory() as root:
            make_tree(root, "src/plainns/tool.py")
            self.assertEqual(module_name(root, "src/plainns/tool.py"), "plainns.tool")

    def test_flat_layout_and_top_level_script(self):
        with tempfile.TemporaryDirectory() as root:
            make_tree(root, "pkg/__init__.py", "pkg/mod.py", "setup.py")
            self.assertEqual(module_name(root, "pkg/mod.py"), "pkg.mod")
            self.assertEqual(module_name(root, "setup.py"), "setup")


if __name__ == "__main__":
    unittest.main()
