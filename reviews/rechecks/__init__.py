"""Re-checks: the sweep that opens reviews whose date has come, suggested evidence, the notices
(emails) owed for an event, and their tasks. Built on the workflow."""
