"""The portfolio of `listing-audit batch`: the LISTINGS file (`listings`), one row a listing from its report
(`rows`), the fix and kill criteria (`criteria`) and the aggregation behind the dashboard (`build`).

Import from the submodules; this package imports nothing, so config loading can read `criteria` without
pulling in scoring (which imports the config module).
"""
