"""Tests of the portfolio layer of `listing-audit batch`: the LISTINGS file, rows, aggregation and the dashboard."""
