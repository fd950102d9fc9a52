"""Reports: the PDF sent to the province, the Excel workbook, the blank fill-in template and its
import, the printable blank questionnaire and the e-mail draft.

Each renderer reads plain data (reports.data.ReportData, or a Framework) and returns bytes;
ReportLab and openpyxl are imported only inside the functions that need them.
"""
