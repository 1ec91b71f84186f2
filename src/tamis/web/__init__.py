"""HTTP surfaces: the Akismet REST API (and, later, the admin API and dashboard)."""
