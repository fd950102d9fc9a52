"""Excel workbooks (openpyxl, imported only when a workbook is made or read): the report's
data, the blank fill-in template of a framework, and the reader of a filled template."""
