"""Role-by-URL rows, one module per area; tests/url_table.py gathers them."""
