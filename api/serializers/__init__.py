"""What each resource returns. Flags and statuses come from the selectors' annotations
(status_sql through `with_flags`) and the rules in improvement/status.py, never restated."""
