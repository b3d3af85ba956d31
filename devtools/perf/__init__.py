"""Measuring tools: a large generated data set and an in-process page benchmark.

See docs/performance.md.

Nothing here is used by the running app; the management commands generate_load_data and
benchmark are thin wrappers over these modules.
"""
