"""Writes on the knowledge base: articles, their attachments, and which desks a desk follows.
Every function validates, writes and records its actor in one transaction."""
