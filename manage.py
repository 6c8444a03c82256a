#!/usr/bin/env python
from citybridge.cli import main

if __name__ == "__main__":
    main()
