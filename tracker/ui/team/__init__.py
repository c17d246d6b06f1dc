"""The team view's windows (issue 17, docs/architecture.md): the team window and the
Settings → Team page. Nothing here is imported before one of them is opened."""
