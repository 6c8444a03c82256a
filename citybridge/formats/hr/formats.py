from citybridge.formats import *  # noqa: F403  (the product's formats: see citybridge.formats)
