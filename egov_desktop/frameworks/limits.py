"""How large a framework file may be, for every reader of one (YAML in loader.py, Excel in
xlsform.py): its own module, so that the two readers need not import each other."""

MAX_FRAMEWORK_BYTES = 5 * 1024 * 1024
