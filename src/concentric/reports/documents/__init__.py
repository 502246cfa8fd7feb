"""The review's documents: Word (docxtpl), PDF (fpdf2), XLSX (xlsxwriter), and their charts."""
