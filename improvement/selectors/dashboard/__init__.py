"""What the dashboard shows, as at a date, for one plan or across plans.

Every figure comes from aggregate (GROUP BY) queries; lists are limited; the twelve-month
trend is one query. A dashboard therefore runs the same number of queries for 40 actions
as for 100,000. Everything is scoped by the `visible_to(user)` querysets, so a scrutiny
member's figures never include confidential-only actions, recommendations or inspections.

scope: what the reader may count; as_at: each action's status and flags on a day;
counts: figures by status; lists: overdue, stale and completed actions; replay, trend and
changes: the past; recommendations and journey; page: the whole dashboard.
"""
