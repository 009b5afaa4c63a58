"""Jinja2 templates and CSS of the HTML report (package data)."""
