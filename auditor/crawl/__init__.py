"""The crawl stage: fetch the listing and its docs into a Snapshot."""

from auditor.crawl.crawler import crawl

__all__ = ["crawl"]
