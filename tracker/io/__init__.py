"""CSV export and import (no Qt)."""
