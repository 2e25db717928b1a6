"""Plain-Python workshop logic: agenda, activity kinds, tallies. No Flask, no SQL."""
