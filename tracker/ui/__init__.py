"""Qt user-interface layer of Growth Tracker (tray icon, windows, dialogs)."""
