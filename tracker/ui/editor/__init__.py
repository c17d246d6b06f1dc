"""The Edit blocks window: a day's blocks and the gaps between them, editable in place."""
