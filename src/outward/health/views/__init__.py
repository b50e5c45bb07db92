"""The pages of channel health: the dashboard, its partner lists and trend, exports, scorecards.

Every number shown comes from `outward.health.domain`; these views select partners (the
filters), arrange the engine's results for reading, and draw them.
"""
