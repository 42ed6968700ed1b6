"""Major matters, the annual list, decisions and resolutions (重大事项决定)."""
