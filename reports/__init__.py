"""Excel and PDF writers and the Excel form reader (openpyxl, reportlab); no Qt."""
