"""Jinja2 prompt templates (wording only); installed as the package ``drafter.prompts``."""
