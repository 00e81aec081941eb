"""The project's date formats per language (``FORMAT_MODULE_PATH``), over Django's own."""
