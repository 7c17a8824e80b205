"""The publishing kernel: one description of a publishable kind (``KindSpec``) from which the
public list, permalink, revision history, downloads, Atom feed and JSON API are mounted.

Above core, audit and search (the lifecycle writes the audit entry and the search-outbox row);
below the domains, which describe their kinds with it, and the feeds and API, which list them.
"""
