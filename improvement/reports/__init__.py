"""The committee report pack: one plain data structure (pack.py), three renderings
(the printable page, a PDF in pdf.py and an Excel workbook in xlsx.py)."""
