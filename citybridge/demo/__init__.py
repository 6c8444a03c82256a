"""The Western Balkans demonstration: invented people, real places, the brief's story."""
