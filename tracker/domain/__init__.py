"""Pure domain core: blocks, tracking days, summaries. No Qt, no SQL, no clock reads."""
