"""The editors' dashboard: where every claim stands, in a constant number of queries."""
