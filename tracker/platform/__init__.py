"""Operating-system specifics behind small interfaces: paths, time zone, idle, autostart."""
