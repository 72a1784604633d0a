"""The provider stand-in of the tests (see server.py)."""
