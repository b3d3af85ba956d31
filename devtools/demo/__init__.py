"""Demo data for a fictional council, loaded by `manage.py load_demo`."""
